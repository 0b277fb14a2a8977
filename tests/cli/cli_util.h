// Runs the real dyad binary (DYAD_BIN, set by ctest) and captures its output.
#pragma once

#include <sys/wait.h>

#include <cstdlib>
#include <fstream>
#include <sstream>
#include <string>

#include "../storage/test_util.h"

namespace dyad::cli {

// What one run of the binary produced.
struct RunResult {
  int code = -1;
  std::string out;
  std::string err;
};

// Quotes s for /bin/sh.
inline std::string ShellQuote(const std::string& s) {
  std::string q = "'";
  for (char c : s) q += c == '\'' ? std::string("'\\''") : std::string(1, c);
  return q + "'";
}

// Runs `env... dyad args...` in dir with optional stdin text.
inline RunResult RunDyad(const storage::TempDir& dir, const std::string& args, const std::string& env = "",
                         const std::string& stdin_text = "") {
  const char* bin = std::getenv("DYAD_BIN");
  EXPECT_NE(bin, nullptr) << "DYAD_BIN is not set (run under ctest)";
  std::string in = dir.sub("stdin.txt"), out = dir.sub("stdout.txt"), err = dir.sub("stderr.txt");
  std::ofstream(in) << stdin_text;
  std::string cmd = "cd " + ShellQuote(dir.path()) + " && env " + env + " " + ShellQuote(bin ? bin : "dyad") + " " +
                    args + " < " + ShellQuote(in) + " > " + ShellQuote(out) + " 2> " + ShellQuote(err);
  int status = std::system(cmd.c_str());
  RunResult r;
  r.code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  std::stringstream so, se;
  so << std::ifstream(out).rdbuf();
  se << std::ifstream(err).rdbuf();
  r.out = so.str();
  r.err = se.str();
  return r;
}

}  // namespace dyad::cli
