// Tests for http::Server (the Beast implementation) against a real listening socket on
// 127.0.0.1 with an OS-chosen port, using httplib::Client and, where the exact bytes on the
// wire matter, raw POSIX sockets. Also covers the plain helpers of http_server.h.
#include "web/http_server.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <future>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include <gtest/gtest.h>
#include <httplib.h>

namespace tov::http {
namespace {

using std::chrono::milliseconds;
using Clock = std::chrono::steady_clock;

// A response read from a raw socket.
struct RawResponse {
  int status = 0;
  std::string head;  // status line and headers
  std::string body;
};

// A blocking client socket with 2 s send/receive timeouts.
class RawClient {
 public:
  explicit RawClient(uint16_t port) {
    fd_ = ::socket(AF_INET, SOCK_STREAM, 0);
    timeval tv{2, 0};
    ::setsockopt(fd_, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);
    ::setsockopt(fd_, SOL_SOCKET, SO_SNDTIMEO, &tv, sizeof tv);
    int one = 1;
    ::setsockopt(fd_, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_port = htons(port);
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    connected_ = ::connect(fd_, reinterpret_cast<sockaddr*>(&addr), sizeof addr) == 0;
  }
  ~RawClient() {
    if (fd_ >= 0) ::close(fd_);
  }
  RawClient(const RawClient&) = delete;
  RawClient& operator=(const RawClient&) = delete;

  bool connected() const { return connected_; }

  bool Send(std::string_view data) {
    while (!data.empty()) {
      ssize_t n = ::send(fd_, data.data(), data.size(), MSG_NOSIGNAL);
      if (n <= 0) return false;
      data.remove_prefix(static_cast<size_t>(n));
    }
    return true;
  }

  // Reads one response framed by Content-Length (only its head when `head_only`, as for a
  // response to HEAD). nullopt on EOF, error or timeout.
  std::optional<RawResponse> ReadResponse(bool head_only = false) {
    size_t header_end;
    while ((header_end = buf_.find("\r\n\r\n")) == std::string::npos) {
      if (!Fill()) return std::nullopt;
    }
    RawResponse r;
    r.head = buf_.substr(0, header_end + 2);
    buf_.erase(0, header_end + 4);
    if (r.head.size() < 12) return std::nullopt;
    r.status = std::stoi(r.head.substr(9, 3));
    size_t length = 0;
    std::string lower = r.head;
    for (char& c : lower) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    if (size_t pos = lower.find("\r\ncontent-length:"); pos != std::string::npos && !head_only) {
      length = std::stoul(lower.substr(pos + 17));
    }
    while (buf_.size() < length) {
      if (!Fill()) return std::nullopt;
    }
    r.body = buf_.substr(0, length);
    buf_.erase(0, length);
    return r;
  }

  // True when the server closes the connection (EOF or reset) within the receive timeout and
  // without sending more bytes.
  bool WaitForClose() {
    char c;
    ssize_t n = ::recv(fd_, &c, 1, 0);
    return n == 0 || (n < 0 && errno == ECONNRESET);
  }

 private:
  bool Fill() {
    char chunk[4096];
    ssize_t n = ::recv(fd_, chunk, sizeof chunk, 0);
    if (n <= 0) return false;
    buf_.append(chunk, static_cast<size_t>(n));
    return true;
  }

  int fd_ = -1;
  bool connected_ = false;
  std::string buf_;
};

std::unique_ptr<httplib::Client> MakeClient(uint16_t port) {
  auto client = std::make_unique<httplib::Client>("127.0.0.1", port);
  client->set_connection_timeout(2, 0);
  client->set_read_timeout(2, 0);
  client->set_write_timeout(2, 0);
  client->set_url_encode(false);  // send our targets byte for byte
  return client;
}

// Starts a server with `handler` on 127.0.0.1, port 0.
class ServerFixture : public ::testing::Test {
 protected:
  void StartServer(Handler handler, ServerOptions options = {}) {
    options.address = "127.0.0.1";
    options.port = 0;
    options.error_log = [this](const std::string& line) {
      std::lock_guard lock(log_mu_);
      log_.push_back(line);
    };
    server_ = Server::Create(std::move(options), std::move(handler));
    Status status = server_->Start();
    ASSERT_TRUE(status.ok()) << status.ToString();
    ASSERT_NE(server_->port(), 0);
  }

  void TearDown() override {
    if (server_) server_->Stop();
  }

  std::vector<std::string> Log() {
    std::lock_guard lock(log_mu_);
    return log_;
  }

  std::unique_ptr<Server> server_;
  std::mutex log_mu_;
  std::vector<std::string> log_;
};

// Echoes the interesting parts of the request as text.
Response EchoHandler(const Request& req) {
  std::string out = "method=" + req.method + "\npath=" + req.path + "\n";
  for (const auto& [k, v] : req.query) out += "q:" + k + "=" + v + "\n";
  out += "body=" + req.body;
  return Response::Text(200, out);
}

TEST_F(ServerFixture, GetDecodesPathAndQuery) {
  StartServer(EchoHandler);
  auto client = MakeClient(server_->port());
  auto res = client->Get("/cases/a%20b%2Fc?x=1%202&y=a+b&z=%E2%82%AC&flag&x=3");
  ASSERT_TRUE(res) << httplib::to_string(res.error());
  EXPECT_EQ(res->status, 200);
  EXPECT_EQ(res->body,
            "method=GET\npath=/cases/a b/c\nq:x=1 2\nq:y=a b\nq:z=\xE2\x82\xAC\nq:flag=\n"
            "q:x=3\nbody=");
}

TEST_F(ServerFixture, QueryHelpers) {
  StartServer([](const Request& req) {
    std::string out = req.Query("x").value_or("none") + "|" + req.Query("missing").value_or("none");
    for (const auto& v : req.QueryAll("x")) out += "|" + v;
    out += "|" + req.target;
    return Response::Text(200, out);
  });
  auto res = MakeClient(server_->port())->Get("/q?x=1&x=2");
  ASSERT_TRUE(res);
  EXPECT_EQ(res->body, "1|none|1|2|/q?x=1&x=2");
}

TEST_F(ServerFixture, PostBodyIsEchoed) {
  StartServer(EchoHandler);
  std::string body(100000, 'b');
  body[0] = '\0';  // bodies are binary-safe
  auto res = MakeClient(server_->port())->Post("/submit", body, "application/octet-stream");
  ASSERT_TRUE(res) << httplib::to_string(res.error());
  EXPECT_EQ(res->status, 200);
  EXPECT_EQ(res->body, "method=POST\npath=/submit\nbody=" + body);
}

TEST_F(ServerFixture, StandardAndSecurityHeadersOnEveryResponse) {
  StartServer([](const Request& req) {
    if (req.path == "/json") return Response::Json(201, R"({"ok":true})");
    Response r;  // no Content-Type set by the handler
    r.body = "plain";
    r.headers.emplace_back("Content-Length", "999");  // ignored: framing is the server's
    return r;
  });
  auto client = MakeClient(server_->port());
  auto json = client->Get("/json");
  ASSERT_TRUE(json);
  EXPECT_EQ(json->status, 201);
  EXPECT_EQ(json->get_header_value("Content-Type"), "application/json");
  EXPECT_EQ(json->get_header_value("Content-Length"), "11");
  EXPECT_EQ(json->get_header_value("X-Content-Type-Options"), "nosniff");
  EXPECT_EQ(json->get_header_value("Referrer-Policy"), "no-referrer");
  EXPECT_EQ(json->get_header_value("X-Frame-Options"), "DENY");
  EXPECT_FALSE(json->has_header("Date"));
  EXPECT_FALSE(json->has_header("Server"));

  auto plain = client->Get("/plain");
  ASSERT_TRUE(plain);
  EXPECT_EQ(plain->get_header_value("Content-Type"), "text/plain; charset=utf-8");
  EXPECT_EQ(plain->get_header_value("Content-Length"), "5");
  EXPECT_EQ(plain->body, "plain");
}

TEST_F(ServerFixture, HeadGetsHeadersWithoutBody) {
  StartServer([](const Request& req) { return Response::Text(200, "hello " + req.method); });
  RawClient raw(server_->port());
  ASSERT_TRUE(raw.Send("HEAD / HTTP/1.1\r\nHost: x\r\n\r\n"));
  auto head = raw.ReadResponse(/*head_only=*/true);
  ASSERT_TRUE(head);
  EXPECT_EQ(head->status, 200);
  EXPECT_NE(head->head.find("Content-Length: 10\r\n"), std::string::npos) << head->head;
  // Had the server sent a body after the HEAD response, it would precede this status line.
  ASSERT_TRUE(raw.Send("GET / HTTP/1.1\r\nHost: x\r\n\r\n"));
  auto get = raw.ReadResponse();
  ASSERT_TRUE(get);
  EXPECT_EQ(get->head.rfind("HTTP/1.1 200 OK\r\n", 0), 0u);
  EXPECT_EQ(get->body, "hello GET");
}

TEST_F(ServerFixture, BodyOverLimitGets413) {
  ServerOptions options;
  options.max_body_bytes = 16;
  std::atomic<int> calls{0};
  StartServer(
      [&](const Request&) {
        ++calls;
        return Response::Text(200, "ok");
      },
      options);
  auto client = MakeClient(server_->port());
  auto ok = client->Post("/p", std::string(16, 'x'), "text/plain");
  ASSERT_TRUE(ok);
  EXPECT_EQ(ok->status, 200);

  auto res = client->Post("/p", std::string(5000, 'x'), "text/plain");
  ASSERT_TRUE(res) << httplib::to_string(res.error());
  EXPECT_EQ(res->status, 413);
  EXPECT_EQ(res->body, R"({"error":"request body too large"})");
  EXPECT_EQ(res->get_header_value("Content-Type"), "application/json");
  EXPECT_EQ(res->get_header_value("X-Content-Type-Options"), "nosniff");
  EXPECT_EQ(calls.load(), 1);

  // Chunked bodies are limited as they arrive.
  RawClient raw(server_->port());
  ASSERT_TRUE(raw.Send("POST /p HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n"
                       "a\r\n0123456789\r\na\r\n0123456789\r\n0\r\n\r\n"));
  auto chunked = raw.ReadResponse();
  ASSERT_TRUE(chunked);
  EXPECT_EQ(chunked->status, 413);
  EXPECT_TRUE(raw.WaitForClose());
  EXPECT_EQ(calls.load(), 1);
}

TEST_F(ServerFixture, HugeHeaderGets431) {
  ServerOptions options;
  options.max_header_bytes = 4096;
  StartServer([](const Request&) { return Response::Text(200, "ok"); }, options);
  RawClient raw(server_->port());
  ASSERT_TRUE(raw.Send("GET / HTTP/1.1\r\nHost: x\r\nX-Big: " + std::string(20000, 'a') +
                       "\r\n\r\n"));
  auto res = raw.ReadResponse();
  ASSERT_TRUE(res);
  EXPECT_EQ(res->status, 431);
  EXPECT_NE(res->head.find("Connection: close"), std::string::npos);
  EXPECT_TRUE(raw.WaitForClose());

  // The same through httplib.
  auto client = MakeClient(server_->port());
  auto big = client->Get("/", {{"X-Big", std::string(20000, 'a')}});
  ASSERT_TRUE(big) << httplib::to_string(big.error());
  EXPECT_EQ(big->status, 431);
}

TEST_F(ServerFixture, MalformedRequestGets400AndClose) {
  std::atomic<int> calls{0};
  StartServer([&](const Request&) {
    ++calls;
    return Response::Text(200, "ok");
  });
  for (std::string_view bad : {
           std::string_view("GARBAGE\r\n\r\n"),
           std::string_view("GET / HTTP/1.1\r\nHost: x\r\nBad Header: v\r\n\r\n"),
           std::string_view("GET / HTTP/1.1\r\n\r\n"),                           // no Host
           std::string_view("GET / HTTP/1.1\r\nHost: a\r\nHost: b\r\n\r\n"),     // two Hosts
           std::string_view("GET /%zz HTTP/1.1\r\nHost: x\r\n\r\n"),             // bad escape
           std::string_view("GET /a%00b HTTP/1.1\r\nHost: x\r\n\r\n"),           // NUL
           std::string_view("GET nope HTTP/1.1\r\nHost: x\r\n\r\n"),             // not a path
           std::string_view("POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 1\r\n"
                            "Content-Length: 2\r\n\r\nab"),
       }) {
    RawClient raw(server_->port());
    ASSERT_TRUE(raw.Send(bad));
    auto res = raw.ReadResponse();
    ASSERT_TRUE(res) << bad;
    EXPECT_EQ(res->status, 400) << bad;
    EXPECT_EQ(res->body, R"({"error":"bad request"})");
    EXPECT_TRUE(raw.WaitForClose()) << bad;
  }
  EXPECT_EQ(calls.load(), 0);
}

TEST_F(ServerFixture, KeepAliveReusesTheConnection) {
  StartServer([](const Request& req) {
    return Response::Text(200, req.remote_address + ":" + std::to_string(req.remote_port));
  });
  auto client = MakeClient(server_->port());
  client->set_keep_alive(true);
  std::vector<std::string> peers;
  for (int i = 0; i < 5; ++i) {
    auto res = client->Get("/");
    ASSERT_TRUE(res);
    EXPECT_NE(res->get_header_value("Connection"), "close");
    peers.push_back(res->body);
  }
  EXPECT_EQ(peers.front().rfind("127.0.0.1:", 0), 0u);
  for (const auto& p : peers) EXPECT_EQ(p, peers.front());  // same client port every time

  // HTTP/1.0 without keep-alive is closed after the response.
  RawClient raw(server_->port());
  ASSERT_TRUE(raw.Send("GET / HTTP/1.0\r\n\r\n"));
  auto res = raw.ReadResponse();
  ASSERT_TRUE(res);
  EXPECT_EQ(res->status, 200);
  EXPECT_EQ(res->head.rfind("HTTP/1.0 200", 0), 0u);
  EXPECT_TRUE(raw.WaitForClose());
}

TEST_F(ServerFixture, PipelinedRequestsAreAnsweredInOrder) {
  StartServer([](const Request& req) { return Response::Text(200, req.path); });
  RawClient raw(server_->port());
  ASSERT_TRUE(raw.Send("GET /1 HTTP/1.1\r\nHost: x\r\n\r\nGET /2 HTTP/1.1\r\nHost: x\r\n\r\n"
                       "GET /3 HTTP/1.1\r\nHost: x\r\n\r\n"));
  for (std::string expected : {"/1", "/2", "/3"}) {
    auto res = raw.ReadResponse();
    ASSERT_TRUE(res);
    EXPECT_EQ(res->body, expected);
  }
}

TEST_F(ServerFixture, HandlerExceptionGives500WithoutTheMessage) {
  StartServer([](const Request& req) -> Response {
    if (req.path == "/int") throw 42;
    throw std::runtime_error("secret database detail");
  });
  auto client = MakeClient(server_->port());
  auto res = client->Get("/boom");
  ASSERT_TRUE(res);
  EXPECT_EQ(res->status, 500);
  EXPECT_EQ(res->body, R"({"error":"internal error"})");
  EXPECT_EQ(res->get_header_value("Content-Type"), "application/json");
  EXPECT_EQ(res->body.find("secret"), std::string::npos);
  auto res2 = client->Get("/int");
  ASSERT_TRUE(res2);
  EXPECT_EQ(res2->status, 500);
  // The detail goes to the error log instead.
  auto log = Log();
  ASSERT_EQ(log.size(), 2u);
  EXPECT_NE(log[0].find("secret database detail"), std::string::npos);
  EXPECT_NE(log[0].find("GET /boom"), std::string::npos);
}

TEST_F(ServerFixture, InvalidResponseFromHandlerGives500) {
  StartServer([](const Request& req) {
    if (req.path == "/status") return Response::Text(1000, "x");
    Response r = Response::Redirect("/ok\r\nSet-Cookie: evil=1");
    return r;
  });
  auto client = MakeClient(server_->port());
  auto res = client->Get("/split");
  ASSERT_TRUE(res);
  EXPECT_EQ(res->status, 500);
  EXPECT_FALSE(res->has_header("Set-Cookie"));
  EXPECT_FALSE(res->has_header("Location"));
  auto res2 = client->Get("/status");
  ASSERT_TRUE(res2);
  EXPECT_EQ(res2->status, 500);
}

TEST_F(ServerFixture, HeaderValuesAreNotDecoded) {
  StartServer([](const Request& req) {
    return Response::Text(200, req.Header("x-test").value_or("<missing>"));
  });
  auto res = MakeClient(server_->port())->Get("/", {{"X-Test", "a%0D%0Ab"}});
  ASSERT_TRUE(res);
  EXPECT_EQ(res->body, "a%0D%0Ab");  // the literal escapes, not "a\r\nb"
  EXPECT_EQ(res->body.size(), 8u);

  RawClient raw(server_->port());
  ASSERT_TRUE(raw.Send("GET / HTTP/1.1\r\nHost: x\r\nx-TEST: a%3Db\r\n\r\n"));
  auto raw_res = raw.ReadResponse();
  ASSERT_TRUE(raw_res);
  EXPECT_EQ(raw_res->body, "a%3Db");
}

TEST_F(ServerFixture, CookiesInAndOut) {
  StartServer([](const Request& req) {
    Response r = Response::Text(200, req.Cookie("sid").value_or("-") + "|" +
                                         req.Cookie("q").value_or("-") + "|" +
                                         req.Cookie("none").value_or("-"));
    CookieOptions options;
    options.max_age = std::chrono::seconds(3600);
    options.secure = true;
    options.same_site = SameSite::kStrict;
    EXPECT_TRUE(r.SetCookie("sid", "new-token", options).ok());
    EXPECT_FALSE(r.SetCookie("bad name", "v").ok());
    EXPECT_FALSE(r.SetCookie("n", "a;b").ok());
    EXPECT_TRUE(r.ExpireCookie("old").ok());
    return r;
  });
  auto res = MakeClient(server_->port())->Get("/", {{"Cookie", "a=1; sid=abc%20; q=\"quoted\""}});
  ASSERT_TRUE(res);
  EXPECT_EQ(res->body, "abc%20|quoted|-");
  ASSERT_EQ(res->get_header_value_count("Set-Cookie"), 2u);
  EXPECT_EQ(res->get_header_value("Set-Cookie", 0),
            "sid=new-token; Path=/; Max-Age=3600; Secure; HttpOnly; SameSite=Strict");
  EXPECT_EQ(res->get_header_value("Set-Cookie", 1),
            "old=; Path=/; Max-Age=0; HttpOnly; SameSite=Lax");
}

TEST_F(ServerFixture, ManyIdleKeepAliveConnectionsDoNotBlockANewRequest) {
  StartServer([](const Request&) { return Response::Text(200, "ok"); });  // 1 io, 2 workers
  std::vector<std::unique_ptr<RawClient>> idle;
  for (int i = 0; i < 200; ++i) {
    auto raw = std::make_unique<RawClient>(server_->port());
    ASSERT_TRUE(raw->connected());
    ASSERT_TRUE(raw->Send("GET / HTTP/1.1\r\nHost: x\r\n\r\n"));
    auto res = raw->ReadResponse();
    ASSERT_TRUE(res) << "connection " << i;
    ASSERT_EQ(res->status, 200);
    idle.push_back(std::move(raw));  // kept open and idle
  }
  auto start = Clock::now();
  auto res = MakeClient(server_->port())->Get("/");
  ASSERT_TRUE(res) << httplib::to_string(res.error());
  EXPECT_EQ(res->status, 200);
  EXPECT_LT(Clock::now() - start, std::chrono::seconds(2));
  // The idle ones still work too.
  ASSERT_TRUE(idle.back()->Send("GET / HTTP/1.1\r\nHost: x\r\n\r\n"));
  EXPECT_TRUE(idle.back()->ReadResponse());
}

// Without a cap, 1,100 idle connections under `ulimit -n 1024` left no descriptor to accept
// with: /healthz timed out for 50 s and the log got a line per failed accept. Over the cap a new
// connection now gets a 503 at once and is closed; once connections close, new ones are served.
TEST_F(ServerFixture, OverTheConnectionLimitANewConnectionGets503AndIsClosed) {
  ServerOptions options;
  options.max_connections = 4;
  StartServer([](const Request&) { return Response::Text(200, "ok"); }, options);
  EXPECT_EQ(server_->max_connections(), 4u);
  std::vector<std::unique_ptr<RawClient>> held;
  for (int i = 0; i < 4; ++i) {
    auto raw = std::make_unique<RawClient>(server_->port());
    ASSERT_TRUE(raw->connected());
    ASSERT_TRUE(raw->Send("GET / HTTP/1.1\r\nHost: x\r\n\r\n"));
    auto res = raw->ReadResponse();
    ASSERT_TRUE(res) << "connection " << i;
    ASSERT_EQ(res->status, 200);
    held.push_back(std::move(raw));  // kept open and idle
  }
  for (int i = 0; i < 30; ++i) {
    RawClient extra(server_->port());
    ASSERT_TRUE(extra.connected());
    (void)extra.Send("GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n");
    auto res = extra.ReadResponse();
    ASSERT_TRUE(res) << "refusal " << i << " got no answer";
    EXPECT_EQ(res->status, 503);
    EXPECT_NE(res->body.find("too many connections"), std::string::npos) << res->body;
    EXPECT_NE(res->head.find("Connection: close"), std::string::npos) << res->head;
    EXPECT_NE(res->head.find("Retry-After:"), std::string::npos) << res->head;
    EXPECT_TRUE(extra.WaitForClose());
  }
  // The held connections still work.
  ASSERT_TRUE(held[0]->Send("GET / HTTP/1.1\r\nHost: x\r\n\r\n"));
  auto again = held[0]->ReadResponse();
  ASSERT_TRUE(again);
  EXPECT_EQ(again->status, 200);
  // Once they close, a new connection is served (the server notices each close at once).
  held.clear();
  int status = 0;
  for (auto start = Clock::now(); Clock::now() - start < std::chrono::seconds(3);) {
    RawClient c(server_->port());
    if (c.Send("GET / HTTP/1.1\r\nHost: x\r\n\r\n"))
      if (auto res = c.ReadResponse(); res && (status = res->status) == 200) break;
    std::this_thread::sleep_for(milliseconds(20));
  }
  EXPECT_EQ(status, 200);
  // No flood in the log: one line when the limit was reached, none per refusal.
  int limit_lines = 0;
  for (const auto& line : Log()) {
    EXPECT_EQ(line.find("accept failed"), std::string::npos) << line;
    if (line.find("connection limit reached") != std::string::npos) ++limit_lines;
  }
  EXPECT_EQ(limit_lines, 1);
}

TEST_F(ServerFixture, SlowHandlerDoesNotBlockOtherConnections) {
  std::promise<void> slow_started;
  StartServer([&](const Request& req) {
    if (req.path == "/slow") {
      slow_started.set_value();
      std::this_thread::sleep_for(milliseconds(300));
    }
    return Response::Text(200, req.path);
  });
  Clock::time_point slow_done;
  std::thread slow([&] {
    auto res = MakeClient(server_->port())->Get("/slow");
    slow_done = Clock::now();
    EXPECT_TRUE(res && res->body == "/slow");
  });
  slow_started.get_future().wait();
  auto res = MakeClient(server_->port())->Get("/fast");
  Clock::time_point fast_done = Clock::now();
  slow.join();
  ASSERT_TRUE(res);
  EXPECT_EQ(res->body, "/fast");
  EXPECT_LT(fast_done, slow_done);
}

TEST_F(ServerFixture, ConcurrentClientsWithSeveralIoThreads) {
  ServerOptions options;
  options.io_threads = 2;
  options.worker_threads = 3;
  std::atomic<int> calls{0};
  StartServer(
      [&](const Request& req) {
        ++calls;
        return Response::Text(200, req.Query("n").value_or("?"));
      },
      options);
  std::atomic<int> good{0};
  std::vector<std::thread> clients;
  for (int t = 0; t < 6; ++t) {
    clients.emplace_back([&, t] {
      auto client = MakeClient(server_->port());
      client->set_keep_alive(true);
      for (int i = 0; i < 40; ++i) {
        std::string n = std::to_string(t * 1000 + i);
        auto res = client->Get("/c?n=" + n);
        if (res && res->status == 200 && res->body == n) ++good;
      }
    });
  }
  for (auto& c : clients) c.join();
  EXPECT_EQ(good.load(), 240);
  EXPECT_EQ(calls.load(), 240);
}

TEST_F(ServerFixture, StopDeliversTheInFlightResponseAndClosesIdleConnections) {
  std::promise<void> slow_started;
  ServerOptions options;
  options.shutdown_grace = std::chrono::seconds(5);
  StartServer(
      [&](const Request& req) {
        if (req.path == "/slow") {
          slow_started.set_value();
          std::this_thread::sleep_for(milliseconds(300));
        }
        return Response::Text(200, "done " + req.path);
      },
      options);
  RawClient idle(server_->port());
  ASSERT_TRUE(idle.Send("GET /idle HTTP/1.1\r\nHost: x\r\n\r\n"));
  ASSERT_TRUE(idle.ReadResponse());

  std::optional<httplib::Result> slow_res;
  std::thread slow([&] { slow_res.emplace(MakeClient(server_->port())->Get("/slow")); });
  slow_started.get_future().wait();
  auto start = Clock::now();
  server_->Stop();
  auto stop_took = Clock::now() - start;
  slow.join();
  ASSERT_TRUE(slow_res && *slow_res) << httplib::to_string(slow_res->error());
  EXPECT_EQ((*slow_res)->status, 200);
  EXPECT_EQ((*slow_res)->body, "done /slow");
  EXPECT_EQ((*slow_res)->get_header_value("Connection"), "close");
  EXPECT_LT(stop_took, std::chrono::seconds(3));  // did not wait for the whole grace period
  EXPECT_TRUE(idle.WaitForClose());
  // Nothing listens any more.
  RawClient late(server_->port());
  EXPECT_FALSE(late.connected());
  server_->Wait();  // returns at once after Stop()
  server_->Stop();  // idempotent
}

TEST_F(ServerFixture, StopFromInsideAHandlerDoesNotDeadlock) {
  Server* self = nullptr;
  StartServer([&](const Request&) {
    self->Stop();  // returns at once; the shutdown completes on a helper thread
    return Response::Text(200, "bye");
  });
  self = server_.get();
  auto res = MakeClient(server_->port())->Get("/");
  ASSERT_TRUE(res);
  EXPECT_EQ(res->body, "bye");
  server_->Wait();
}

TEST_F(ServerFixture, IdleTimeoutClosesTheConnection) {
  ServerOptions options;
  options.idle_timeout = std::chrono::seconds(1);
  options.request_timeout = std::chrono::seconds(1);
  StartServer([](const Request&) { return Response::Text(200, "ok"); }, options);
  RawClient idle(server_->port());
  ASSERT_TRUE(idle.Send("GET / HTTP/1.1\r\nHost: x\r\n\r\n"));
  ASSERT_TRUE(idle.ReadResponse());
  EXPECT_TRUE(idle.WaitForClose());  // closed after ~1 s (the client waits up to 2 s)

  RawClient partial(server_->port());  // a request that never completes
  ASSERT_TRUE(partial.Send("GET / HTTP/1.1\r\nHost: x\r\n"));
  EXPECT_TRUE(partial.WaitForClose());
}

TEST_F(ServerFixture, ExpectContinueIsAnswered) {
  StartServer(EchoHandler);
  RawClient raw(server_->port());
  ASSERT_TRUE(raw.Send("POST /e HTTP/1.1\r\nHost: x\r\nContent-Length: 3\r\n"
                       "Expect: 100-continue\r\n\r\n"));
  auto interim = raw.ReadResponse();
  ASSERT_TRUE(interim);
  EXPECT_EQ(interim->status, 100);
  ASSERT_TRUE(raw.Send("abc"));
  auto res = raw.ReadResponse();
  ASSERT_TRUE(res);
  EXPECT_EQ(res->status, 200);
  EXPECT_EQ(res->body, "method=POST\npath=/e\nbody=abc");
}

TEST(ServerTest, PortInUseIsAnError) {
  auto handler = [](const Request&) { return Response::Text(200, "ok"); };
  ServerOptions options;
  options.port = 0;
  options.error_log = [](const std::string&) {};
  auto first = Server::Create(options, handler);
  ASSERT_TRUE(first->Start().ok());
  options.port = first->port();
  auto second = Server::Create(options, handler);
  Status status = second->Start();
  EXPECT_EQ(status.code(), StatusCode::kIo);
  EXPECT_NE(status.message().find("bind"), std::string::npos) << status.message();
  second->Wait();  // never started: returns at once
  EXPECT_EQ(first->Start().code(), StatusCode::kFailedPrecondition);
}

TEST(ServerTest, BadOptionsAreRejected) {
  auto handler = [](const Request&) { return Response::Text(200, "ok"); };
  ServerOptions options;
  options.port = 0;
  options.address = "not-an-ip";
  EXPECT_EQ(Server::Create(options, handler)->Start().code(), StatusCode::kInvalidArgument);
  options.address = "127.0.0.1";
  options.worker_threads = 0;
  EXPECT_EQ(Server::Create(options, handler)->Start().code(), StatusCode::kInvalidArgument);
  options.worker_threads = 1;
  EXPECT_EQ(Server::Create(options, nullptr)->Start().code(), StatusCode::kInvalidArgument);
}

TEST(ServerTest, TheConnectionLimitIsAtLeastOneAndFitsTheOpenFileLimit) {
  auto handler = [](const Request&) { return Response::Text(200, "ok"); };
  ServerOptions options;
  options.port = 0;
  options.error_log = [](const std::string&) {};
  options.max_connections = 0;
  EXPECT_EQ(Server::Create(options, handler)->Start().code(), StatusCode::kInvalidArgument);
  // A limit the open-file limit cannot hold is lowered, leaving descriptors for the database.
  rlimit files{};
  ASSERT_EQ(::getrlimit(RLIMIT_NOFILE, &files), 0);
  options.max_connections = files.rlim_max == RLIM_INFINITY ? 1'000'000 : files.rlim_max + 1000;
  auto server = Server::Create(options, handler);
  ASSERT_TRUE(server->Start().ok());
  rlimit now{};
  ASSERT_EQ(::getrlimit(RLIMIT_NOFILE, &now), 0);
  EXPECT_GT(server->max_connections(), 0u);
  EXPECT_LT(server->max_connections(), options.max_connections);
  EXPECT_LE(server->max_connections() + 100, now.rlim_cur);
  server->Stop();
}

TEST(HttpHelpersTest, PercentDecode) {
  EXPECT_EQ(PercentDecode("a%20b+c", false), "a b+c");
  EXPECT_EQ(PercentDecode("a%20b+c", true), "a b c");
  EXPECT_EQ(PercentDecode("%e2%82%AC", false), "\xE2\x82\xAC");
  EXPECT_EQ(PercentDecode("", false), "");
  EXPECT_FALSE(PercentDecode("%", false));
  EXPECT_FALSE(PercentDecode("%2", false));
  EXPECT_FALSE(PercentDecode("%zz", false));
  EXPECT_FALSE(PercentDecode("a%00", false));
}

TEST(HttpHelpersTest, ParseUrlEncoded) {
  auto params = ParseUrlEncoded("a=1&&b=x+y&c&d=%3D&=e");
  ASSERT_TRUE(params);
  ParamList expected = {{"a", "1"}, {"b", "x y"}, {"c", ""}, {"d", "="}, {"", "e"}};
  EXPECT_EQ(*params, expected);
  EXPECT_TRUE(ParseUrlEncoded("")->empty());
  EXPECT_FALSE(ParseUrlEncoded("a=%G1"));
}

TEST(HttpHelpersTest, ResponseHeaders) {
  Response r = Response::Html(200, "<p>");
  EXPECT_EQ(r.Header("content-type"), "text/html; charset=utf-8");
  r.SetHeader("content-TYPE", "text/csv");
  EXPECT_EQ(r.headers.size(), 1u);
  EXPECT_EQ(r.Header("Content-Type"), "text/csv");
  r.AddHeader("Vary", "a").AddHeader("Vary", "b");
  EXPECT_EQ(r.headers.size(), 3u);
  Response redirect = Response::Redirect("/home");
  EXPECT_EQ(redirect.status, 303);
  EXPECT_EQ(redirect.Header("Location"), "/home");
}

}  // namespace
}  // namespace tov::http
