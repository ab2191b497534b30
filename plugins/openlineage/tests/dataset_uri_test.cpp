#include "dataset_uri.h"

#include <gtest/gtest.h>

namespace mlobs::openlineage {
namespace {

TEST(DatasetUriTest, KeepsAUriWithAScheme) {
  EXPECT_EQ(dataset_uri("s3://models/churn/3/model.pkl"), "s3://models/churn/3/model.pkl");
  EXPECT_EQ(dataset_uri("file:///data/x.parquet"), "file:///data/x.parquet");
}

TEST(DatasetUriTest, TurnsAnAbsolutePathIntoAFileUri) {
  EXPECT_EQ(dataset_uri("/data/exports/features.parquet"), "file:///data/exports/features.parquet");
  EXPECT_EQ(dataset_uri("/data/my exports/100%.parquet"),
            "file:///data/my%20exports/100%25.parquet");
  EXPECT_EQ(dataset_uri("/d/\xc3\xa9t\xc3\xa9"), "file:///d/%C3%A9t%C3%A9");
}

TEST(DatasetUriTest, RefusesWhatIsNoUri) {
  EXPECT_FALSE(dataset_uri("relative/path.parquet"));
  EXPECT_FALSE(dataset_uri("clicks"));
  EXPECT_FALSE(dataset_uri(""));
  EXPECT_FALSE(dataset_uri("s3://bucket/with space"));
  EXPECT_FALSE(dataset_uri("1s3://bucket"));
}

}  // namespace
}  // namespace mlobs::openlineage
