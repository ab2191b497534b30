// Loading plugins of other ABI versions through the agent's loader: each refusal is one line
// naming the file and both versions; an older layout loads.
#include "loader/plugin_loader.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

namespace mlobs::agent {
namespace {

std::string test_plugin(const std::string& name) {
  return std::string(MLOBS_ABI_TEST_PLUGIN_DIR) + "/" + name + ".so";
}

TEST(Negotiation, OlderLayoutOfTheSameMajorLoads) {
  PluginCatalog catalog;
  std::string error;
  ASSERT_TRUE(catalog.load_file(test_plugin("abi_old_layout"), &error)) << error;
  const ComponentType* t = catalog.find("old_layout_processor");
  ASSERT_NE(t, nullptr);
  EXPECT_EQ(t->schema.kind, MLOBS_COMPONENT_PROCESSOR);
  // Fields beyond the plugin's struct_size read as zero, never as garbage.
  EXPECT_EQ(t->vtable.tick, nullptr);
  EXPECT_EQ(t->vtable.ack, nullptr);
  EXPECT_NE(t->vtable.process, nullptr);
  EXPECT_FALSE(t->reads_only);
}

const std::string kHostAbi = "ABI " + std::to_string(MLOBS_ABI_VERSION_MAJOR) + "." +
                             std::to_string(MLOBS_ABI_VERSION_MINOR);

TEST(Negotiation, AnotherMajorIsRefusedNamingBothVersions) {
  PluginCatalog catalog;
  std::string error;
  EXPECT_FALSE(catalog.load_file(test_plugin("abi_other_major"), &error));
  EXPECT_NE(error.find("abi_other_major.so"), std::string::npos) << error;
  EXPECT_NE(error.find("ABI 2.3"), std::string::npos) << error;
  EXPECT_NE(error.find(kHostAbi), std::string::npos) << error;
  EXPECT_EQ(catalog.find("anything"), nullptr);
}

TEST(Negotiation, NewerMinorThanTheHostIsRefused) {
  PluginCatalog catalog;
  std::string error;
  EXPECT_FALSE(catalog.load_file(test_plugin("abi_newer_minor"), &error));
  EXPECT_NE(error.find("abi_newer_minor.so"), std::string::npos) << error;
  EXPECT_NE(error.find("plugin ABI 1." + std::to_string(MLOBS_ABI_VERSION_MINOR + 1)),
            std::string::npos)
      << error;
  EXPECT_NE(error.find("agent " + kHostAbi), std::string::npos) << error;
}

TEST(Negotiation, MissingEntryPointIsRefused) {
  PluginCatalog catalog;
  std::string error;
  EXPECT_FALSE(catalog.load_file(test_plugin("abi_no_entry_point"), &error));
  EXPECT_NE(error.find("not an mlobs plugin"), std::string::npos) << error;
  EXPECT_NE(error.find("mlobs_plugin_negotiate"), std::string::npos) << error;
}

TEST(Negotiation, AFileThatIsNotASharedObjectIsRefused) {
  auto dir = std::filesystem::temp_directory_path() / "mlobs-abi-garbage";
  std::filesystem::create_directories(dir);
  const auto path = dir / "garbage.so";
  std::ofstream(path) << "this is not an ELF file";
  PluginCatalog catalog;
  catalog.load_directories({dir.string()});
  ASSERT_EQ(catalog.reports().size(), 1u);
  EXPECT_FALSE(catalog.reports()[0].ok);
  EXPECT_NE(catalog.reports()[0].error.find("garbage.so: cannot load"), std::string::npos)
      << catalog.reports()[0].error;
  std::filesystem::remove_all(dir);
}

TEST(Negotiation, ADirectoryListsEveryFileWithItsOutcome) {
  PluginCatalog catalog;
  catalog.load_directories({MLOBS_ABI_TEST_PLUGIN_DIR});
  int ok = 0, failed = 0;
  for (const auto& r : catalog.reports()) (r.ok ? ok : failed)++;
  EXPECT_EQ(ok, 1);
  EXPECT_EQ(failed, 3);
}

}  // namespace
}  // namespace mlobs::agent
