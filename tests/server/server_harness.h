// Helpers for the HTTP API tests: the embedded US–China graph in a
// temporary store, a server running in-process on a free loopback port, and
// JSON helpers.
#pragma once

#include <filesystem>
#include <memory>
#include <random>
#include <string>
#include <thread>

#include <gtest/gtest.h>
#include <httplib.h>
#include <rapidjson/document.h>

#include "fixtures/embedded.h"
#include "server/http_server.h"
#include "storage/graph_store.h"
#include "storage/import/loader.h"

namespace dyad::server {

// A temporary directory removed when the test ends.
class TempDir {
 public:
  TempDir() {
    std::random_device rd;
    path_ = (std::filesystem::temp_directory_path() / ("dyad-srv-" + std::to_string(rd()) + std::to_string(rd())))
                .string();
    std::filesystem::create_directories(path_);
  }
  ~TempDir() { std::filesystem::remove_all(path_); }
  const std::string& path() const { return path_; }

 private:
  std::string path_;
};

// Opens an empty store in dir.
inline std::unique_ptr<storage::GraphStore> OpenEmpty(const std::string& dir) {
  auto s = storage::GraphStore::Open(dir, storage::StoreOptions());
  EXPECT_TRUE(s.ok()) << s.status().ToString();
  return s.ok() ? std::move(s.value()) : nullptr;
}

// Opens a store in dir holding the embedded default graph.
inline std::unique_ptr<storage::GraphStore> OpenDefaultGraph(const std::string& dir) {
  auto store = OpenEmpty(dir);
  if (!store) return nullptr;
  std::vector<storage::TextInput> inputs;
  for (const auto& f : fixtures::Files())
    inputs.push_back({std::string("fixtures/data/") + f.name, std::string(f.begin, f.end)});
  auto stats = storage::LoadTexts(store.get(), inputs);
  EXPECT_TRUE(stats.ok()) << stats.status().ToString();
  return store;
}

// An HttpServer serving on 127.0.0.1 from a background thread.
class RunningServer {
 public:
  RunningServer(storage::GraphStore* store, ServerOptions options) {
    options.bind = "127.0.0.1";
    options.port = 0;
    server_ = std::make_unique<HttpServer>(store, options);
    Status s = server_->Bind();
    EXPECT_TRUE(s.ok()) << s.ToString();
    if (s.ok()) thread_ = std::thread([this] { server_->Serve(); });
  }
  ~RunningServer() {
    server_->Stop();
    if (thread_.joinable()) thread_.join();
  }
  int port() const { return server_->port(); }
  // A client of this server with short timeouts.
  std::unique_ptr<httplib::Client> Client() const {
    auto c = std::make_unique<httplib::Client>("127.0.0.1", port());
    c->set_connection_timeout(5);
    c->set_read_timeout(20);
    return c;
  }

 private:
  std::unique_ptr<HttpServer> server_;
  std::thread thread_;
};

// A suite whose tests each start their own server over one store that the
// whole suite shares (loaded once: the embedded default graph). Suites run
// one after another, so the static members serve each in turn.
class DefaultGraphServerTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    dir_ = new TempDir();
    store_ = OpenDefaultGraph(dir_->path()).release();
  }
  static void TearDownTestSuite() {
    delete store_;
    store_ = nullptr;
    delete dir_;
    dir_ = nullptr;
  }
  // Starts this test's server and a client of it.
  void StartServer(const ServerOptions& options) {
    ASSERT_NE(store_, nullptr);
    server_ = std::make_unique<RunningServer>(store_, options);
    client_ = server_->Client();
  }

  static inline TempDir* dir_ = nullptr;
  static inline storage::GraphStore* store_ = nullptr;
  std::unique_ptr<RunningServer> server_;
  std::unique_ptr<httplib::Client> client_;
};

// Parses a body as JSON or fails the test.
inline rapidjson::Document Json(const std::string& body) {
  rapidjson::Document d;
  d.Parse(body.c_str());
  EXPECT_FALSE(d.HasParseError()) << "not JSON: " << body.substr(0, 300);
  return d;
}

// The error code of an API error body ("" when there is none).
inline std::string ErrorCode(const rapidjson::Document& d) {
  if (!d.IsObject() || !d.HasMember("error") || !d["error"].IsObject() || !d["error"].HasMember("code")) return "";
  return d["error"]["code"].GetString();
}

// A JSON string literal for s.
inline std::string Quote(const std::string& s) {
  std::string out = "\"";
  for (char c : s) {
    if (c == '"' || c == '\\') out.push_back('\\');
    if (c == '\n') {
      out += "\\n";
      continue;
    }
    out.push_back(c);
  }
  return out + "\"";
}

}  // namespace dyad::server
