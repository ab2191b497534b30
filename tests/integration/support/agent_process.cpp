#include "support/agent_process.h"

#include "support/wait_for.h"

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <sys/prctl.h>
#include <sys/wait.h>
#include <unistd.h>

#include <array>
#include <cerrno>
#include <cstring>
#include <sstream>
#include <stdexcept>

extern char** environ;

namespace mlobs::integration {
namespace {

struct Pipe {
  int read = -1;
  int write = -1;
};

Pipe make_pipe() {
  int fds[2];
  if (::pipe2(fds, O_CLOEXEC) != 0) {
    throw std::runtime_error(std::string("pipe2: ") + std::strerror(errno));
  }
  return {fds[0], fds[1]};
}

void close_fd(int* fd) {
  if (*fd >= 0) ::close(*fd);
  *fd = -1;
}

// The child's environment: the parent's, with the overrides replacing or adding entries.
std::vector<std::string> child_environment(
    const std::vector<std::pair<std::string, std::string>>& overrides) {
  std::vector<std::string> env;
  for (char** e = environ; e && *e; ++e) {
    const std::string_view entry(*e);
    bool replaced = false;
    for (const auto& [name, value] : overrides) {
      if (entry.size() > name.size() && entry.substr(0, name.size()) == name &&
          entry[name.size()] == '=') {
        replaced = true;
      }
    }
    if (!replaced) env.emplace_back(entry);
  }
  for (const auto& [name, value] : overrides) env.push_back(name + "=" + value);
  return env;
}

std::vector<char*> c_strings(std::vector<std::string>& strings) {
  std::vector<char*> out;
  for (auto& s : strings) out.push_back(s.data());
  out.push_back(nullptr);
  return out;
}

// Runs in the forked child, where only async-signal-safe calls are allowed: everything it
// touches was prepared before fork().
[[noreturn]] void exec_child(const char* binary, char* const argv[], char* const envp[],
                             const char* working_dir, int out_fd, int err_fd, int status_fd,
                             pid_t parent) {
  // Die with the test process, even if it is killed before its destructors run.
  ::prctl(PR_SET_PDEATHSIG, SIGKILL);
  if (::getppid() != parent) ::_exit(127);
  int null_fd = ::open("/dev/null", O_RDONLY);
  if (null_fd < 0 || ::dup2(null_fd, STDIN_FILENO) < 0 || ::dup2(out_fd, STDOUT_FILENO) < 0 ||
      ::dup2(err_fd, STDERR_FILENO) < 0) {
    const int e = errno;
    [[maybe_unused]] ssize_t n = ::write(status_fd, &e, sizeof e);
    ::_exit(127);
  }
  // A clean signal state: the test runner's mask or ignored signals must not leak into the agent.
  sigset_t none;
  sigemptyset(&none);
  ::sigprocmask(SIG_SETMASK, &none, nullptr);
  struct sigaction dfl {};
  dfl.sa_handler = SIG_DFL;
  for (int sig : {SIGINT, SIGTERM, SIGHUP, SIGPIPE, SIGCHLD}) ::sigaction(sig, &dfl, nullptr);
  if (working_dir[0] != '\0' && ::chdir(working_dir) != 0) {
    const int e = errno;
    [[maybe_unused]] ssize_t n = ::write(status_fd, &e, sizeof e);
    ::_exit(127);
  }
  ::execve(binary, argv, envp);
  const int e = errno;
  [[maybe_unused]] ssize_t n = ::write(status_fd, &e, sizeof e);
  ::_exit(127);
}

}  // namespace

AgentProcess::AgentProcess(ProcessOptions options) : options_(std::move(options)) {
  std::vector<std::string> argv_strings = {options_.binary};
  argv_strings.insert(argv_strings.end(), options_.args.begin(), options_.args.end());
  std::vector<std::string> env_strings = child_environment(options_.env);
  std::vector<char*> argv = c_strings(argv_strings);
  std::vector<char*> envp = c_strings(env_strings);

  Pipe out = make_pipe();
  Pipe err = make_pipe();
  Pipe status = make_pipe();  // close-on-exec: EOF without data means exec succeeded
  Pipe wake = make_pipe();
  const pid_t parent = ::getpid();
  pid_ = ::fork();
  if (pid_ == 0) {
    exec_child(options_.binary.c_str(), argv.data(), envp.data(), options_.working_dir.c_str(),
               out.write, err.write, status.write, parent);
  }
  const int fork_errno = errno;
  close_fd(&out.write);
  close_fd(&err.write);
  close_fd(&status.write);
  if (pid_ < 0) {
    for (int* fd : {&out.read, &err.read, &status.read, &wake.read, &wake.write}) close_fd(fd);
    throw std::runtime_error(std::string("fork: ") + std::strerror(fork_errno));
  }

  int child_errno = 0;
  ssize_t n;
  do {
    n = ::read(status.read, &child_errno, sizeof child_errno);
  } while (n < 0 && errno == EINTR);
  close_fd(&status.read);

  wake_write_fd_ = wake.write;
  reader_ = std::thread([this, out, err, wake] { read_output(out.read, err.read, wake.read); });
  if (n > 0) {
    reap(0);
    close_fd(&wake_write_fd_);
    reader_.join();
    throw std::runtime_error("cannot start " + options_.binary + ": " + std::strerror(child_errno));
  }
}

AgentProcess::~AgentProcess() {
  if (pid_ > 0 && !exit_code_) {
    ::kill(pid_, SIGKILL);
    reap(0);
  }
  close_fd(&wake_write_fd_);
  if (reader_.joinable()) reader_.join();
}

bool AgentProcess::send_signal(int sig) {
  if (pid_ <= 0 || exit_code_) return false;
  return ::kill(pid_, sig) == 0;
}

bool AgentProcess::reap(int options) {
  if (exit_code_) return true;
  int status = 0;
  pid_t r;
  do {
    r = ::waitpid(pid_, &status, options);
  } while (r < 0 && errno == EINTR);
  if (r != pid_) return false;
  if (WIFEXITED(status)) {
    exit_code_ = WEXITSTATUS(status);
  } else if (WIFSIGNALED(status)) {
    exit_code_ = 128 + WTERMSIG(status);
  } else {
    exit_code_ = -1;
  }
  return true;
}

std::optional<int> AgentProcess::wait_exit(std::chrono::milliseconds timeout) {
  const auto deadline = std::chrono::steady_clock::now() + timeout;
  // No portable event for "child exited" that composes with a deadline: poll waitpid.
  if (!wait_for([&] { return reap(WNOHANG); }, timeout, std::chrono::milliseconds(5))) {
    return std::nullopt;
  }
  drain_reader(deadline);
  return exit_code_;
}

void AgentProcess::drain_reader(std::chrono::steady_clock::time_point deadline) {
  std::unique_lock<std::mutex> lock(mu_);
  changed_.wait_until(lock, deadline, [&] { return stdout_closed_ && stderr_closed_; });
}

std::optional<std::string> AgentProcess::wait_for_stderr_line(const LinePredicate& pred,
                                                              std::chrono::milliseconds timeout) {
  const auto deadline = std::chrono::steady_clock::now() + timeout;
  std::unique_lock<std::mutex> lock(mu_);
  size_t checked = 0;
  while (true) {
    for (; checked < stderr_lines_.size(); ++checked) {
      if (pred(stderr_lines_[checked])) return stderr_lines_[checked];
    }
    if (stderr_closed_) return std::nullopt;
    if (changed_.wait_until(lock, deadline) == std::cv_status::timeout &&
        checked == stderr_lines_.size()) {
      return std::nullopt;
    }
  }
}

void AgentProcess::read_output(int out_fd, int err_fd, int wake_fd) {
  std::array<pollfd, 3> fds{{{out_fd, POLLIN, 0}, {err_fd, POLLIN, 0}, {wake_fd, POLLIN, 0}}};
  std::array<char, 8192> buf;
  while (fds[0].fd >= 0 || fds[1].fd >= 0) {
    if (::poll(fds.data(), fds.size(), -1) < 0) {
      if (errno == EINTR) continue;
      break;
    }
    if (fds[2].revents != 0) break;  // the owner is going away
    for (int i = 0; i < 2; ++i) {
      if (fds[i].fd < 0 || fds[i].revents == 0) continue;
      const ssize_t n = ::read(fds[i].fd, buf.data(), buf.size());
      if (n < 0 && errno == EINTR) continue;
      if (n > 0) {
        append(i == 1, std::string_view(buf.data(), static_cast<size_t>(n)));
        continue;
      }
      ::close(fds[i].fd);
      fds[i].fd = -1;  // poll ignores negative fds
      finish_stream(i == 1);
    }
  }
  for (int i = 0; i < 2; ++i) {
    if (fds[i].fd >= 0) {
      ::close(fds[i].fd);
      finish_stream(i == 1);
    }
  }
  ::close(wake_fd);
}

void AgentProcess::append(bool is_stderr, std::string_view chunk) {
  {
    std::lock_guard<std::mutex> lock(mu_);
    if (!is_stderr) {
      stdout_.append(chunk);
    } else {
      stderr_partial_.append(chunk);
      size_t begin = 0;
      for (size_t nl; (nl = stderr_partial_.find('\n', begin)) != std::string::npos;
           begin = nl + 1) {
        stderr_lines_.push_back(stderr_partial_.substr(begin, nl - begin));
      }
      stderr_partial_.erase(0, begin);
    }
  }
  changed_.notify_all();
}

void AgentProcess::finish_stream(bool is_stderr) {
  {
    std::lock_guard<std::mutex> lock(mu_);
    if (is_stderr) {
      if (!stderr_partial_.empty()) stderr_lines_.push_back(std::move(stderr_partial_));
      stderr_partial_.clear();
      stderr_closed_ = true;
    } else {
      stdout_closed_ = true;
    }
  }
  changed_.notify_all();
}

std::vector<std::string> AgentProcess::stderr_lines() const {
  std::lock_guard<std::mutex> lock(mu_);
  std::vector<std::string> lines = stderr_lines_;
  if (!stderr_partial_.empty()) lines.push_back(stderr_partial_);
  return lines;
}

std::string AgentProcess::stderr_text() const {
  std::string text;
  for (const auto& line : stderr_lines()) text += line + "\n";
  return text;
}

std::string AgentProcess::stdout_text() const {
  std::lock_guard<std::mutex> lock(mu_);
  return stdout_;
}

std::string AgentProcess::describe() const {
  constexpr size_t kTailLines = 40;
  std::ostringstream out;
  out << "command:";
  out << " " << options_.binary;
  for (const auto& a : options_.args) out << " " << a;
  out << "\nexit: " << (exit_code_ ? std::to_string(*exit_code_) : "still running") << "\n";
  out << "stdout:\n" << stdout_text();
  const std::vector<std::string> lines = stderr_lines();
  out << "stderr (last " << kTailLines << " lines):\n";
  for (size_t i = lines.size() > kTailLines ? lines.size() - kTailLines : 0; i < lines.size();
       ++i) {
    out << lines[i] << "\n";
  }
  return out.str();
}

}  // namespace mlobs::integration
