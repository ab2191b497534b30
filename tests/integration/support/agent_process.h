// A child process under test (normally the real mlobs-agent binary): started with fork/exec,
// its stdout and stderr captured by a reader thread, waited on with deadlines. The destructor
// kills (SIGKILL) and reaps it if it is still there, so a failing test never leaves one behind.
#pragma once

#include <sys/types.h>

#include <chrono>
#include <condition_variable>
#include <functional>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <thread>
#include <utility>
#include <vector>

namespace mlobs::integration {

struct ProcessOptions {
  std::string binary;
  std::vector<std::string> args;  // without argv[0]
  // Set on top of the inherited environment (an existing name is replaced).
  std::vector<std::pair<std::string, std::string>> env;
  std::string working_dir;  // empty: the test's own
};

class AgentProcess {
 public:
  using LinePredicate = std::function<bool(std::string_view line)>;

  // Starts the process. Throws std::runtime_error when it cannot be started (including when
  // exec fails, so a wrong binary path fails loudly instead of looking like a crash).
  explicit AgentProcess(ProcessOptions options);
  ~AgentProcess();
  AgentProcess(const AgentProcess&) = delete;
  AgentProcess& operator=(const AgentProcess&) = delete;

  pid_t pid() const { return pid_; }

  // False once the process was reaped.
  bool send_signal(int sig);

  // The exit code once the process ended (128 + N when killed by signal N), or nullopt when it
  // is still running at the deadline. After a value is returned, the captured output is complete.
  std::optional<int> wait_exit(std::chrono::milliseconds timeout);

  // The first stderr line (from the start of the output) satisfying `pred`, waiting for it until
  // the deadline or until stderr closes (the process is gone: no point waiting further).
  std::optional<std::string> wait_for_stderr_line(const LinePredicate& pred,
                                                  std::chrono::milliseconds timeout);

  std::vector<std::string> stderr_lines() const;
  std::string stderr_text() const;
  std::string stdout_text() const;

  // The command line, the exit status and the tail of both streams: for failure messages.
  std::string describe() const;

 private:
  void read_output(int out_fd, int err_fd, int wake_fd);
  void append(bool is_stderr, std::string_view chunk);
  void finish_stream(bool is_stderr);
  bool reap(int options);
  void drain_reader(std::chrono::steady_clock::time_point deadline);

  ProcessOptions options_;
  pid_t pid_ = -1;
  std::optional<int> exit_code_;
  int wake_write_fd_ = -1;  // closing it stops the reader thread

  mutable std::mutex mu_;
  std::condition_variable changed_;
  std::string stdout_;
  std::vector<std::string> stderr_lines_;
  std::string stderr_partial_;
  bool stdout_closed_ = false;
  bool stderr_closed_ = false;
  std::thread reader_;
};

}  // namespace mlobs::integration
