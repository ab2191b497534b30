// libFuzzer target for the Parquet footer reader. An input starting with "PAR1" is a whole
// file (the framing checks: magic, lengths); any other input is a footer, framed as a file
// around it, so mutations reach the Thrift decoding instead of dying at the magic.
#include "parquet_footer.h"

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string_view input(reinterpret_cast<const char*>(data), size);
  if (input.substr(0, 4) == "PAR1") {
    (void)mlobs::parquet::read_footer_from_bytes(input);
    return 0;
  }
  std::string file = "PAR1";
  file.append(input);
  const auto n = static_cast<uint32_t>(size);
  for (int i = 0; i < 4; ++i) file.push_back(static_cast<char>((n >> (8 * i)) & 0xff));
  file.append("PAR1");
  const mlobs::parquet::FooterResult r = mlobs::parquet::read_footer_from_bytes(file);
  // A decoded footer is fully usable: walk what it holds. A refusal always says why.
  if (r.footer) {
    size_t total = r.footer->created_by.size();
    for (const auto& column : r.footer->columns) total += column.size();
    for (const auto& [k, v] : r.footer->key_values) total += k.size() + v.size();
    static volatile size_t sink;
    sink = total;
  } else if (r.detail.empty()) {
    __builtin_trap();
  }
  return 0;
}
