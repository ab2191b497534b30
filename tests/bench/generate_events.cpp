// Writes N JSON-lines events (about 200 bytes each) for the end-to-end benchmark.
// usage: generate_events N OUTPUT_FILE [INVALID_FRACTION]
#include <cstdio>
#include <cstdlib>
#include <random>
#include <string>

int main(int argc, char** argv) {
  if (argc < 3) {
    std::fprintf(stderr, "usage: %s N OUTPUT_FILE [INVALID_FRACTION]\n", argv[0]);
    return 2;
  }
  const long n = std::atol(argv[1]);
  const double invalid = argc > 3 ? std::atof(argv[3]) : 0.0;
  std::FILE* out = std::fopen(argv[2], "w");
  if (!out) {
    std::perror(argv[2]);
    return 1;
  }
  std::mt19937_64 rng(42);
  std::uniform_real_distribution<double> u(0, 1);
  static const char* stages[] = {"ingest", "features", "train", "evaluate", "serve"};
  for (long i = 0; i < n; ++i) {
    if (u(rng) < invalid) {
      std::fprintf(out, "{\"stage\": \"broken\", \"n\": %ld,\n", i);
      continue;
    }
    std::fprintf(out,
                 "{\"ts\":\"2026-11-23T10:%02ld:%02ld.%03ldZ\",\"stage\":\"%s\",\"run\":\"run-%06ld\","
                 "\"deployment_id\":\"dep-%03ld\",\"status\":\"ok\",\"duration_ms\":%ld,"
                 "\"rows\":%ld,\"score\":%.4f,\"n\":%ld}\n",
                 (i / 60) % 60, i % 60, i % 1000, stages[i % 5], i / 5, i % 100,
                 static_cast<long>(rng() % 5000), static_cast<long>(rng() % 1000000), u(rng), i);
  }
  return std::fclose(out) == 0 ? 0 : 1;
}
