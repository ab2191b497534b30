#include "mlobs/file_follow/line_reader.h"

#include "temp_dir.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace mlobs::file_follow {
namespace {

using testing::append_file;
using testing::TempDir;
using testing::truncate_file;
using testing::write_file;

struct Got {
  std::string text;
  uint64_t begin = 0;
  uint64_t end = 0;
  uint64_t number = 0;
  bool too_long = false;
};

// Every line available now.
std::vector<Got> drain(LineReader& reader) {
  std::vector<Got> out;
  Line line;
  ReadOutcome r;
  while ((r = reader.next(&line)) == ReadOutcome::kLine) {
    out.push_back(Got{std::string(line.text), line.begin_offset, line.end_offset, line.number,
                      line.too_long});
  }
  EXPECT_EQ(r, ReadOutcome::kNoLine) << reader.error().message();
  return out;
}

std::vector<std::string> texts(const std::vector<Got>& lines) {
  std::vector<std::string> out;
  for (const auto& l : lines) out.push_back(l.text);
  return out;
}

TEST(LineReaderTest, ReadsCompleteLinesWithOffsetsAndNumbers) {
  TempDir dir;
  const std::string path = dir / "a.jsonl";
  write_file(path, "one\ntwo\n\nfour\n");
  LineReader reader(path, FilePosition{});
  const auto lines = drain(reader);
  ASSERT_EQ(texts(lines), (std::vector<std::string>{"one", "two", "", "four"}));
  EXPECT_EQ(lines[0].begin, 0u);
  EXPECT_EQ(lines[0].end, 4u);
  EXPECT_EQ(lines[1].begin, 4u);
  EXPECT_EQ(lines[1].end, 8u);
  EXPECT_EQ(lines[3].number, 4u);
  EXPECT_EQ(reader.position(), (FilePosition{14, 4}));
}

TEST(LineReaderTest, PartialLastLineIsWaitedFor) {
  TempDir dir;
  const std::string path = dir / "a.jsonl";
  write_file(path, "{\"a\":1}\n{\"b\":");
  LineReader reader(path, FilePosition{});
  EXPECT_EQ(texts(drain(reader)), (std::vector<std::string>{"{\"a\":1}"}));
  EXPECT_EQ(reader.position(), (FilePosition{8, 1}));  // not past the partial line
  EXPECT_TRUE(drain(reader).empty());                  // still incomplete
  append_file(path, "2}\n{\"c\":3}\n");
  const auto lines = drain(reader);
  EXPECT_EQ(texts(lines), (std::vector<std::string>{"{\"b\":2}", "{\"c\":3}"}));
  EXPECT_EQ(lines[0].begin, 8u);
  EXPECT_EQ(lines[0].number, 2u);
  EXPECT_EQ(reader.position(), (FilePosition{24, 3}));
}

TEST(LineReaderTest, FollowsAppends) {
  TempDir dir;
  const std::string path = dir / "a.jsonl";
  write_file(path, "");
  LineReader reader(path, FilePosition{});
  EXPECT_TRUE(drain(reader).empty());
  for (int i = 0; i < 5; ++i) {
    append_file(path, "line" + std::to_string(i) + "\n");
    const auto lines = drain(reader);
    ASSERT_EQ(lines.size(), 1u);
    EXPECT_EQ(lines[0].text, "line" + std::to_string(i));
    EXPECT_EQ(lines[0].number, static_cast<uint64_t>(i + 1));
  }
}

TEST(LineReaderTest, CrLf) {
  TempDir dir;
  const std::string path = dir / "a.jsonl";
  write_file(path, "a\r\nb\r\n\r\nc\rd\n");
  LineReader reader(path, FilePosition{});
  const auto lines = drain(reader);
  EXPECT_EQ(texts(lines), (std::vector<std::string>{"a", "b", "", "c\rd"}));
  EXPECT_EQ(lines[1].end, 6u);  // offsets count the '\r'
}

TEST(LineReaderTest, TruncationRestartsFromZero) {
  TempDir dir;
  const std::string path = dir / "a.jsonl";
  write_file(path, "old1\nold2\nold3\n");
  LineReader reader(path, FilePosition{});
  EXPECT_EQ(drain(reader).size(), 3u);
  truncate_file(path, 0);
  append_file(path, "new1\n");
  const auto lines = drain(reader);
  EXPECT_EQ(texts(lines), (std::vector<std::string>{"new1"}));
  EXPECT_EQ(lines[0].number, 1u);
  EXPECT_EQ(reader.truncations(), 1u);
  EXPECT_EQ(reader.position(), (FilePosition{5, 1}));
}

TEST(LineReaderTest, TruncatedBelowAStartPositionRestarts) {
  TempDir dir;
  const std::string path = dir / "a.jsonl";
  write_file(path, "x\n");
  LineReader reader(path, FilePosition{100, 10});  // e.g. a checkpoint of a bigger file
  EXPECT_EQ(texts(drain(reader)), (std::vector<std::string>{"x"}));
  EXPECT_EQ(reader.truncations(), 1u);
}

TEST(LineReaderTest, TooLongLineIsReportedAndSkipped) {
  TempDir dir;
  const std::string path = dir / "a.jsonl";
  LineReaderOptions options;
  options.max_line_bytes = 10;
  options.chunk_bytes = 4;  // the long line spans many reads
  options.too_long_preview_bytes = 6;
  const std::string long_line(50, 'L');
  write_file(path, "short\n" + long_line + "\n0123456789\nafter\n");
  LineReader reader(path, FilePosition{}, options);
  const auto lines = drain(reader);
  ASSERT_EQ(lines.size(), 4u);
  EXPECT_FALSE(lines[0].too_long);
  EXPECT_TRUE(lines[1].too_long);
  EXPECT_EQ(lines[1].text, "LLLLLL");
  EXPECT_EQ(lines[1].begin, 6u);
  EXPECT_EQ(lines[1].end, 57u);
  EXPECT_EQ(lines[1].number, 2u);
  EXPECT_FALSE(lines[2].too_long);  // exactly max_line_bytes is fine
  EXPECT_EQ(lines[2].text, "0123456789");
  EXPECT_EQ(lines[3].text, "after");
  EXPECT_EQ(lines[3].number, 4u);
}

TEST(LineReaderTest, TooLongLineWithoutItsEndIsWaitedFor) {
  TempDir dir;
  const std::string path = dir / "a.jsonl";
  LineReaderOptions options;
  options.max_line_bytes = 8;
  options.chunk_bytes = 16;
  write_file(path, std::string(40, 'x'));
  LineReader reader(path, FilePosition{}, options);
  EXPECT_TRUE(drain(reader).empty());
  EXPECT_EQ(reader.position(), (FilePosition{0, 0}));  // a checkpoint never lands mid-line
  append_file(path, std::string(40, 'x') + "\nok\n");
  const auto lines = drain(reader);
  ASSERT_EQ(lines.size(), 2u);
  EXPECT_TRUE(lines[0].too_long);
  EXPECT_EQ(lines[0].end, 81u);
  EXPECT_EQ(lines[1].text, "ok");
}

TEST(LineReaderTest, LargeFileInChunks) {
  TempDir dir;
  const std::string path = dir / "big.jsonl";
  std::string content;
  std::vector<uint64_t> ends;
  for (int i = 0; i < 20000; ++i) {
    content += "{\"i\":" + std::to_string(i) + ",\"pad\":\"" + std::string(i % 97, 'p') + "\"}\n";
    ends.push_back(content.size());
  }
  write_file(path, content);  // ~1.2 MB: many 64 KiB reads, lines across chunk borders
  LineReader reader(path, FilePosition{});
  const auto lines = drain(reader);
  ASSERT_EQ(lines.size(), ends.size());
  for (size_t i = 0; i < lines.size(); ++i) {
    ASSERT_EQ(lines[i].end, ends[i]) << i;
    ASSERT_EQ(lines[i].number, i + 1);
    ASSERT_EQ(lines[i].text, content.substr(lines[i].begin, lines[i].end - lines[i].begin - 1));
  }
}

TEST(LineReaderTest, ResumesFromAPosition) {
  TempDir dir;
  const std::string path = dir / "a.jsonl";
  write_file(path, "a\nb\nc\n");
  LineReader reader(path, FilePosition{2, 1});
  const auto lines = drain(reader);
  EXPECT_EQ(texts(lines), (std::vector<std::string>{"b", "c"}));
  EXPECT_EQ(lines[0].number, 2u);
}

TEST(LineReaderTest, CloseAndReopenContinues) {
  TempDir dir;
  const std::string path = dir / "a.jsonl";
  write_file(path, "a\nb\npart");
  LineReader reader(path, FilePosition{});
  EXPECT_EQ(drain(reader).size(), 2u);
  reader.close();
  EXPECT_FALSE(reader.is_open());
  append_file(path, "ial\n");
  EXPECT_EQ(texts(drain(reader)), (std::vector<std::string>{"partial"}));
}

TEST(LineReaderTest, KeepsReadingARenamedFile) {
  TempDir dir;
  const std::string path = dir / "a.jsonl";
  write_file(path, "a\n");
  LineReader reader(path, FilePosition{});
  EXPECT_EQ(drain(reader).size(), 1u);
  std::filesystem::rename(path, dir / "a.jsonl.1");
  append_file(dir / "a.jsonl.1", "b\n");
  EXPECT_EQ(texts(drain(reader)), (std::vector<std::string>{"b"}));
}

TEST(LineReaderTest, MissingFileIsAnError) {
  TempDir dir;
  LineReader reader(dir / "none", FilePosition{});
  Line line;
  EXPECT_EQ(reader.next(&line), ReadOutcome::kError);
  EXPECT_TRUE(reader.error());
}

TEST(LineReaderTest, ResetStartsOver) {
  TempDir dir;
  const std::string path = dir / "a.jsonl";
  write_file(path, "a\nb\n");
  LineReader reader(path, FilePosition{});
  EXPECT_EQ(drain(reader).size(), 2u);
  reader.reset(FilePosition{});
  EXPECT_EQ(drain(reader).size(), 2u);
}

}  // namespace
}  // namespace mlobs::file_follow
