// The footer reader against files a real Parquet writer made (tests/fixtures, written by DuckDB
// with make_fixtures.mjs), and against every kind of damage made from their bytes.
#include "parquet_footer.h"

#include <gtest/gtest.h>

#include <fstream>
#include <iterator>
#include <random>
#include <string>

namespace mlobs::parquet {
namespace {

const std::filesystem::path kFixtures = FIXTURES_DIR;

std::string bytes_of(const std::string& name) {
  std::ifstream in(kFixtures / name, std::ios::binary);
  return std::string(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
}

std::string value_of(const Footer& f, const std::string& key) {
  for (const auto& [k, v] : f.key_values) {
    if (k == key) return v;
  }
  return "<absent>";
}

TEST(ParquetFooter, ReadsRowsColumnsAndKeyValuesOfADatasetBuild) {
  const FooterResult r = read_footer(kFixtures / "churn_features.parquet");
  ASSERT_TRUE(r.footer) << r.detail;
  const Footer& f = *r.footer;
  EXPECT_EQ(f.num_rows, 100);
  EXPECT_EQ(f.columns, (std::vector<std::string>{"customer_id", "event_ts", "churned",
                                                 "tenure_months", "support_calls", "plan"}));
  EXPECT_EQ(value_of(f, "build_timestamp"), "20260403_230612");
  EXPECT_EQ(value_of(f, "row_count"), "100");
  EXPECT_EQ(value_of(f, "source"), "warehouse.churn");
  EXPECT_EQ(f.created_by.rfind("DuckDB", 0), 0u) << f.created_by;
}

TEST(ParquetFooter, ReadsAWideSchema) {
  const FooterResult r = read_footer(kFixtures / "wide.parquet");
  ASSERT_TRUE(r.footer) << r.detail;
  ASSERT_EQ(r.footer->columns.size(), 301u);
  EXPECT_EQ(r.footer->columns.front(), "id");
  EXPECT_EQ(r.footer->columns[1], "f000");
  EXPECT_EQ(r.footer->columns.back(), "f299");
  EXPECT_EQ(value_of(*r.footer, "build_timestamp"), "20260405_010203");
}

TEST(ParquetFooter, SkipsManyRowGroups) {
  const FooterResult r = read_footer(kFixtures / "many_row_groups.parquet");
  ASSERT_TRUE(r.footer) << r.detail;
  EXPECT_EQ(r.footer->num_rows, 131072);
  EXPECT_EQ(r.footer->columns, (std::vector<std::string>{"batch", "bucket"}));
  EXPECT_EQ(value_of(*r.footer, "row_count"), "131072");
}

TEST(ParquetFooter, NamesNestedColumnsByTheirPathAndHasNoKeyValuesWhenThereAreNone) {
  const FooterResult r = read_footer(kFixtures / "nested_no_kv.parquet");
  ASSERT_TRUE(r.footer) << r.detail;
  EXPECT_EQ(r.footer->columns,
            (std::vector<std::string>{"id", "location.lat", "location.lon"}));
  EXPECT_TRUE(r.footer->key_values.empty());
}

TEST(ParquetFooter, EachKindOfDamageIsNamed) {
  const std::string good = bytes_of("churn_features.parquet");
  ASSERT_GT(good.size(), 100u);
  auto error_for = [](const std::string& bytes) { return read_footer_from_bytes(bytes).error; };

  EXPECT_EQ(error_for(good.substr(0, 11)), FooterError::kTruncated);
  EXPECT_EQ(error_for(good.substr(0, good.size() - 100)), FooterError::kBadMagic);

  std::string head = good;
  head[0] = 'X';
  EXPECT_EQ(error_for(head), FooterError::kBadMagic);

  std::string encrypted = good;
  encrypted.replace(encrypted.size() - 4, 4, "PARE");
  const FooterResult enc = read_footer_from_bytes(encrypted);
  EXPECT_EQ(enc.error, FooterError::kBadMagic);
  EXPECT_NE(enc.detail.find("encrypted"), std::string::npos) << enc.detail;

  std::string past = good;
  const auto size = static_cast<uint32_t>(good.size());
  for (int i = 0; i < 4; ++i) past[good.size() - 8 + i] = static_cast<char>((size >> (8 * i)) & 0xff);
  EXPECT_EQ(error_for(past), FooterError::kFooterPastFile);

  std::string corrupt = good;
  const uint32_t footer_bytes = static_cast<unsigned char>(good[good.size() - 8]) |
                                static_cast<unsigned char>(good[good.size() - 7]) << 8;
  for (uint32_t i = 0; i < footer_bytes; ++i) corrupt[good.size() - 8 - footer_bytes + i] = '\xff';
  const FooterResult bad = read_footer_from_bytes(corrupt);
  EXPECT_EQ(bad.error, FooterError::kCorrupt);
  EXPECT_FALSE(bad.detail.empty());

  EXPECT_EQ(read_footer(kFixtures / "no_such_file.parquet").error, FooterError::kUnreadable);
}

// Every prefix of a file is an error (none is mistaken for a whole file), and thousands of
// random changes to the footer's bytes give a footer or an error, never a crash (the sanitizer
// build checks every read).
TEST(ParquetFooter, NoPrefixOrMutationBreaksTheReader) {
  const std::string good = bytes_of("many_row_groups.parquet");
  for (size_t n = 0; n < good.size(); n += 7) {
    EXPECT_NE(read_footer_from_bytes(good.substr(0, n)).error, FooterError::kNone) << n;
  }
  const uint32_t footer_bytes = static_cast<unsigned char>(good[good.size() - 8]) |
                                static_cast<unsigned char>(good[good.size() - 7]) << 8;
  const size_t footer_start = good.size() - 8 - footer_bytes;
  std::mt19937 rng(20261129);
  int decoded = 0;
  for (int i = 0; i < 3000; ++i) {
    std::string bytes = good;
    const int changes = 1 + static_cast<int>(rng() % 8);
    for (int c = 0; c < changes; ++c) {
      bytes[footer_start + rng() % footer_bytes] = static_cast<char>(rng() & 0xff);
    }
    const FooterResult r = read_footer_from_bytes(bytes);
    if (r.footer) {
      ++decoded;
    } else {
      EXPECT_FALSE(r.detail.empty());
    }
  }
  // Most changes land in row group statistics the reader skips; some hit what it reads.
  EXPECT_GT(decoded, 0);
  EXPECT_LT(decoded, 3000);
}

}  // namespace
}  // namespace mlobs::parquet
