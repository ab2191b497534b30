// The floor for the serving benchmark: read the same files and parse every line into a RapidJSON
// DOM, nothing else. The end-to-end run is compared with this, side by side on the same data.
// usage: floor_parse FILE...
#include <rapidjson/document.h>

#include <chrono>
#include <cstdio>
#include <fstream>
#include <string>

int main(int argc, char** argv) {
  if (argc < 2) {
    std::fprintf(stderr, "usage: %s FILE...\n", argv[0]);
    return 2;
  }
  const auto start = std::chrono::steady_clock::now();
  long lines = 0, objects = 0;
  std::string line;
  for (int i = 1; i < argc; ++i) {
    std::ifstream in(argv[i]);
    if (!in) {
      std::perror(argv[i]);
      return 1;
    }
    while (std::getline(in, line)) {
      rapidjson::Document doc;
      doc.Parse(line.data(), line.size());
      ++lines;
      if (!doc.HasParseError() && doc.IsObject()) ++objects;
    }
  }
  const double s = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  std::printf("floor: %ld lines (%ld objects) in %.3f s = %.0f lines/s\n", lines, objects, s,
              lines / s);
  return 0;
}
