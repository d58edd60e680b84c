// A child process (a service binary) with its own environment; SIGTERM and reaping on destruction.
#pragma once
#include <map>
#include <string>
#include <vector>

namespace test_support {

/// Spawns `argv` with the parent's environment plus `env`; stdout+stderr go to `log_file`.
class child_process {
public:
  child_process(std::vector<std::string> argv, std::map<std::string, std::string> env, std::string log_file);
  ~child_process();
  child_process(const child_process&) = delete;
  child_process& operator=(const child_process&) = delete;

  /// Sends `signal` to the child.
  void kill(int signal);
  /// Waits up to `timeout_ms` for exit; returns the exit status (or -1 on timeout, -signal when killed).
  int wait(int timeout_ms);
  /// True while the child runs.
  bool running();
  /// Contents of the log file so far.
  std::string log() const;
  int pid() const { return pid_; }

private:
  int pid_ = -1;
  int status_ = 0;
  bool exited_ = false;
  std::string log_file_;
};

/// Runs a command to completion, returning {exit status, combined output}.
std::pair<int, std::string> run_command(std::vector<std::string> argv, std::map<std::string, std::string> env = {});

/// A free TCP port on 127.0.0.1 (bound then released).
unsigned short free_port();

/// Polls http://127.0.0.1:port/healthz (plain) until 200 or `timeout_ms`; returns success.
bool wait_for_health(unsigned short port, int timeout_ms);

}  // namespace test_support
