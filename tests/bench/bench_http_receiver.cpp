// An HTTP backend for run_delivery_bench.sh: answers 200 to every request on 127.0.0.1, counts
// the NDJSON lines (records) it received, prints its port as stdout's first line and, on SIGTERM
// or SIGINT, "<records> records in <requests> requests". Nothing is kept, so memory stays flat.
// usage: bench_http_receiver [PORT]
#include "support/http_receiver.h"

#include <atomic>
#include <csignal>
#include <cstdio>
#include <cstdlib>
#include <string_view>

int main(int argc, char** argv) {
  // Blocked before the receiver starts its threads, so they inherit the mask and only sigwait()
  // below takes the signal.
  sigset_t stop_signals;
  sigemptyset(&stop_signals);
  sigaddset(&stop_signals, SIGTERM);
  sigaddset(&stop_signals, SIGINT);
  pthread_sigmask(SIG_BLOCK, &stop_signals, nullptr);

  std::atomic<uint64_t> records{0}, requests{0};
  mlobs::integration::HttpReceiver receiver;
  receiver.set_responder([&](const mlobs::integration::ReceivedRequest& request) {
    uint64_t lines = 0;
    std::string_view body = request.body;
    while (!body.empty()) {  // non-empty lines, whether or not the last one ends in '\n'
      const size_t end = body.find('\n');
      if (end != 0) ++lines;
      body.remove_prefix(end == std::string_view::npos ? body.size() : end + 1);
    }
    records += lines;
    ++requests;
    receiver.clear();  // the receiver records every request; this one is counted, drop it
    return mlobs::integration::Reply{200, {}, "{}"};
  });
  receiver.start(argc > 1 ? static_cast<uint16_t>(std::atoi(argv[1])) : 0);
  std::printf("%u\n", static_cast<unsigned>(receiver.port()));
  std::fflush(stdout);

  int signal = 0;
  sigwait(&stop_signals, &signal);
  receiver.stop();
  std::printf("%llu records in %llu requests\n", static_cast<unsigned long long>(records.load()),
              static_cast<unsigned long long>(requests.load()));
  return 0;
}
