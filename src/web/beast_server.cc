// The Boost.Beast implementation of http::Server (the plain helpers of http_server.h are in
// http_server.cc). This is the only file in the project that includes Beast/Asio.
//
// Design: `io_threads` threads run one io_context. Every connection is a Session whose socket
// lives on its own strand and only ever has one asynchronous operation pending, so an idle
// keep-alive connection costs a few KiB and no thread. A complete request is handed to a small
// worker pool (WorkerPool) that runs the handler; the finished response is posted back to the
// session's strand and written there. Timeouts are beast::tcp_stream expiries.
//
// Per-connection states:
//   kIdle      waiting for the first byte of the next request (idle_timeout)
//   kReading   reading the header and body (request_timeout from the first byte)
//   kHandling  the handler runs on a worker thread; no operation is pending on the socket
//   kWriting   writing the response (request_timeout)
//   kClosing   the response said `Connection: close`; we shut down our sending side and read
//              and discard what the client still sends (bounded), so that the client is not
//              reset before it has read our response (e.g. a 413 sent before the body was read)
//
// Connections over options.max_connections never become sessions: a Refusal writes a fixed 503,
// lingers the same way for a moment, and closes. The cap is fitted to the open-file limit at
// Start(), so that accept() does not run out of descriptors (it used to, and then logged a line
// per retry while /healthz timed out).
#include <algorithm>
#include <array>
#include <atomic>
#include <condition_variable>
#include <cstdio>
#include <deque>
#include <limits>
#include <mutex>
#include <thread>
#include <unordered_map>

#include <sys/resource.h>

#include <boost/asio/dispatch.hpp>
#include <boost/asio/executor_work_guard.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/strand.hpp>
#include <boost/asio/write.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>

#include "web/http_server.h"
#include "web/http_internal.h"

namespace tov::http {

using internal::IEquals;
using internal::IsFieldValue;
using internal::IsToken;
using internal::SanitizeForLog;
using internal::SplitTarget;

namespace {

namespace beast = boost::beast;
namespace bhttp = boost::beast::http;
namespace net = boost::asio;
using tcp = net::ip::tcp;
using error_code = boost::system::error_code;
using Message = bhttp::response<bhttp::string_body>;

constexpr std::string_view kContinue = "HTTP/1.1 100 Continue\r\n\r\n";
constexpr size_t kIdleReadChunk = 4096;
constexpr auto kLingerTimeout = std::chrono::seconds(2);
constexpr size_t kLingerMaxBytes = 4 * 1024 * 1024;
constexpr auto kAcceptRetryDelay = std::chrono::milliseconds(50);
// Descriptors kept beside the connections: the database (file, -wal, -shm, journal), the
// listening socket, the event loop, standard streams, logs and refusals in flight.
constexpr size_t kDescriptorReserve = 128;
// Refusals lingering at once; past this, a refusal is written and closed at once.
constexpr size_t kMaxLingeringRefusals = 64;
constexpr auto kRefusalLinger = std::chrono::seconds(1);
constexpr size_t kRefusalMaxDrain = 64 * 1024;
// Repeated server-side conditions (accept failures, refusals) are logged at most this often.
constexpr auto kLogEvery = std::chrono::seconds(10);

// The whole answer to a connection over the limit (its request is never read).
const std::string& TooManyConnections() {
  static const std::string answer = [] {
    const std::string body = R"({"error":"too many connections; try again in a moment"})";
    return "HTTP/1.1 503 Service Unavailable\r\n"
           "Content-Type: application/json\r\n"
           "Content-Length: " + std::to_string(body.size()) + "\r\n"
           "Connection: close\r\n"
           "Retry-After: 1\r\n"
           "Cache-Control: no-store\r\n"
           "X-Content-Type-Options: nosniff\r\n"
           "\r\n" + body;
  }();
  return answer;
}

// The server whose I/O or worker thread this is (nullptr elsewhere). Stop() uses it to avoid
// joining the calling thread.
thread_local const void* tls_server_thread = nullptr;

Response ErrorJson(int status, std::string_view message) {
  return Response::Json(status, std::string(R"({"error":")") + std::string(message) + "\"}");
}

// Runs tasks on a fixed set of threads. Stop() lets running tasks finish, drops queued ones.
class WorkerPool {
 public:
  ~WorkerPool() { StopAndJoin(); }

  void Start(int threads, const void* owner) {
    for (int i = 0; i < threads; ++i) {
      threads_.emplace_back([this, owner] {
        tls_server_thread = owner;
        Run();
      });
    }
  }

  void Post(std::function<void()> task) {
    {
      std::lock_guard lock(mu_);
      if (stopped_) return;  // dropped: the server is going away
      queue_.push_back(std::move(task));
    }
    cv_.notify_one();
  }

  void StopAndJoin() {
    std::deque<std::function<void()>> dropped;
    {
      std::lock_guard lock(mu_);
      stopped_ = true;
      dropped.swap(queue_);
    }
    cv_.notify_all();
    dropped.clear();  // outside the lock: this may destroy sessions
    for (auto& t : threads_) {
      if (t.joinable()) t.join();
    }
    threads_.clear();
  }

 private:
  void Run() {
    for (;;) {
      std::function<void()> task;
      {
        std::unique_lock lock(mu_);
        cv_.wait(lock, [&] { return stopped_ || !queue_.empty(); });
        if (stopped_) return;
        task = std::move(queue_.front());
        queue_.pop_front();
      }
      try {
        task();
      } catch (...) {  // e.g. bad_alloc; the session then just closes when released
      }
    }
  }

  std::mutex mu_;
  std::condition_variable cv_;
  std::deque<std::function<void()>> queue_;
  bool stopped_ = false;
  std::vector<std::thread> threads_;
};

// A connection over the limit: writes the fixed 503, half-closes, reads and discards what the
// client still sends for a moment (so that our close does not reset the connection before the
// client has read the answer), then closes. Runs on its socket's strand; counts itself in
// `lingering` while it lives.
class Refusal : public std::enable_shared_from_this<Refusal> {
 public:
  Refusal(tcp::socket socket, std::atomic<size_t>& lingering)
      : stream_(std::move(socket)), lingering_(lingering) {
    ++lingering_;
  }
  ~Refusal() { --lingering_; }
  Refusal(const Refusal&) = delete;
  Refusal& operator=(const Refusal&) = delete;

  void Start() {
    stream_.expires_after(kRefusalLinger);  // the write and the linger together
    net::async_write(stream_, net::buffer(TooManyConnections()),
                     beast::bind_front_handler(&Refusal::OnWrite, shared_from_this()));
  }

 private:
  void OnWrite(error_code ec, size_t /*bytes*/) {
    if (ec) return Close();
    stream_.socket().shutdown(tcp::socket::shutdown_send, ec);
    if (ec) return Close();
    DoDrain();
  }
  void DoDrain() {
    stream_.async_read_some(net::buffer(drain_),
                            beast::bind_front_handler(&Refusal::OnDrain, shared_from_this()));
  }
  void OnDrain(error_code ec, size_t bytes) {
    drained_ += bytes;
    if (ec || drained_ > kRefusalMaxDrain) return Close();
    DoDrain();
  }
  void Close() {
    error_code ignored;
    stream_.socket().shutdown(tcp::socket::shutdown_both, ignored);
    stream_.close();
  }

  beast::tcp_stream stream_;
  std::atomic<size_t>& lingering_;
  std::array<char, 1024> drain_{};
  size_t drained_ = 0;
};

class Session;

class BeastServer final : public Server {
 public:
  BeastServer(ServerOptions options, Handler handler)
      : options_(std::move(options)),
        handler_(std::move(handler)),
        ioc_(std::clamp(options_.io_threads, 1, 256)),
        acceptor_(net::make_strand(ioc_)),
        accept_timer_(acceptor_.get_executor()) {}

  ~BeastServer() override {
    Stop();
    if (stopper_.joinable()) stopper_.join();
  }

  Status Start() override;
  uint16_t port() const override { return port_.load(); }
  size_t max_connections() const override { return max_connections_.load(); }
  void Stop() override;
  void Wait() override;

  // --- for Session (called on session strands or worker threads) ---
  const ServerOptions& options() const { return options_; }
  bool stopping() const { return stopping_.load(); }
  void PostWork(std::function<void()> task) { workers_.Post(std::move(task)); }
  // Adds a live session unless the server is stopping.
  bool Register(const std::shared_ptr<Session>& session);
  void Unregister(Session* session);
  Response Invoke(const Request& request) const;
  // Turns a handler Response into the Beast message (validated, with the standard headers).
  Message BuildMessage(Response response, bool head_request, unsigned version) const;
  void Log(const std::string& message) const;

 private:
  void DoAccept();
  void OnAccept(error_code ec, tcp::socket socket);
  // Answers a connection over the limit (on the acceptor's strand).
  void Refuse(tcp::socket socket);
  // Fits options.max_connections to the open-file limit; sets max_connections_.
  Status FitConnectionLimit();
  size_t SessionCount() const;
  void RunIo();
  void DoStop();

  const ServerOptions options_;
  const Handler handler_;

  // Live sessions. Declared before ioc_: destroying ioc_ destroys pending handlers, which
  // destroy sessions, which unregister here.
  mutable std::mutex sessions_mu_;
  std::condition_variable sessions_cv_;
  std::unordered_map<Session*, std::weak_ptr<Session>> sessions_;
  std::atomic<bool> stopping_{false};  // written under sessions_mu_
  // Refusals alive. Declared before ioc_ too: destroying ioc_ may destroy refusals.
  std::atomic<size_t> lingering_refusals_{0};
  std::atomic<size_t> max_connections_{0};

  // Rate-limited logs; touched only on the acceptor's strand.
  using TimePoint = std::chrono::steady_clock::time_point;
  TimePoint accept_failure_logged_{};
  size_t accept_failures_ = 0;  // since the last line
  TimePoint refusal_logged_{};
  size_t refusals_ = 0;  // since the last line

  // Start/Stop/Wait bookkeeping.
  std::mutex stop_mu_;
  std::condition_variable stop_cv_;
  bool started_ = false;
  bool stop_requested_ = false;
  bool stopped_ = false;
  std::thread stopper_;  // runs DoStop() when Stop() was called from a server thread

  std::atomic<uint16_t> port_{0};
  net::io_context ioc_;
  std::optional<net::executor_work_guard<net::io_context::executor_type>> work_guard_;
  tcp::acceptor acceptor_;
  net::steady_timer accept_timer_;
  std::vector<std::thread> io_threads_;
  WorkerPool workers_;
};

class Session : public std::enable_shared_from_this<Session> {
 public:
  Session(BeastServer* server, tcp::socket socket, std::string remote_address,
          uint16_t remote_port)
      : server_(server),
        stream_(std::move(socket)),
        executor_(stream_.get_executor()),
        remote_address_(std::move(remote_address)),
        remote_port_(remote_port) {}

  ~Session() {
    error_code ec;
    stream_.socket().close(ec);
    if (registered_) server_->Unregister(this);
  }

  Session(const Session&) = delete;
  Session& operator=(const Session&) = delete;

  const net::any_io_executor& executor() const { return executor_; }
  void MarkRegistered() { registered_ = true; }

  // Called from the acceptor's strand.
  void Start() {
    net::dispatch(executor_, beast::bind_front_handler(&Session::DoIdleRead, shared_from_this()));
  }

  // Posted by Stop() to this session's strand: close now if idle, else close after the
  // current response.
  void Shutdown() {
    stopping_ = true;
    if (state_ == State::kIdle) CloseNow();
  }

 private:
  enum class State { kIdle, kReading, kHandling, kWriting, kClosing };

  void DoIdleRead() {
    state_ = State::kIdle;
    parser_.reset();
    if (stopping_ || server_->stopping()) return CloseNow();
    if (buffer_.size() > 0) return DoReadHeader();  // a pipelined request is already here
    buffer_.shrink_to_fit();  // idle connections should hold as little memory as possible
    stream_.expires_after(server_->options().idle_timeout);
    stream_.async_read_some(buffer_.prepare(kIdleReadChunk),
                            beast::bind_front_handler(&Session::OnIdleRead, shared_from_this()));
  }

  void OnIdleRead(error_code ec, size_t bytes) {
    if (ec) return CloseNow();  // idle timeout, client closed, or Shutdown()
    buffer_.commit(bytes);
    DoReadHeader();
  }

  void DoReadHeader() {
    state_ = State::kReading;
    const ServerOptions& options = server_->options();
    parser_.emplace();
    parser_->header_limit(static_cast<uint32_t>(
        std::min<size_t>(options.max_header_bytes, std::numeric_limits<uint32_t>::max())));
    parser_->body_limit(static_cast<uint64_t>(options.max_body_bytes));
    stream_.expires_after(options.request_timeout);  // covers header, 100-continue and body
    bhttp::async_read_header(stream_, buffer_, *parser_,
                             beast::bind_front_handler(&Session::OnReadHeader,
                                                       shared_from_this()));
  }

  void OnReadHeader(error_code ec, size_t /*bytes*/) {
    if (ec) return OnReadError(ec);
    const auto& msg = parser_->get();
    if (msg.version() != 10 && msg.version() != 11) {
      return SendError(505, "http version not supported");
    }
    if (msg.version() == 11 ? msg.count(bhttp::field::host) != 1
                            : msg.count(bhttp::field::host) > 1) {
      return SendError(400, "bad request");
    }
    if (parser_->is_done()) return Dispatch();
    auto expect = msg.find(bhttp::field::expect);
    if (msg.version() == 11 && expect != msg.end() && IEquals(expect->value(), "100-continue")) {
      net::async_write(stream_, net::buffer(kContinue.data(), kContinue.size()),
                       beast::bind_front_handler(&Session::OnContinueWritten,
                                                 shared_from_this()));
      return;
    }
    DoReadBody();
  }

  void OnContinueWritten(error_code ec, size_t /*bytes*/) {
    if (ec) return CloseNow();
    DoReadBody();
  }

  void DoReadBody() {
    bhttp::async_read(stream_, buffer_, *parser_,
                      beast::bind_front_handler(&Session::OnReadBody, shared_from_this()));
  }

  void OnReadBody(error_code ec, size_t /*bytes*/) {
    if (ec) return OnReadError(ec);
    Dispatch();
  }

  void OnReadError(error_code ec) {
    if (ec == bhttp::error::header_limit || ec == bhttp::error::buffer_overflow) {
      return SendError(431, "request header fields too large");
    }
    if (ec == bhttp::error::body_limit) return SendError(413, "request body too large");
    // Timeouts (the stream is already closed), resets and EOF in the middle of a request just
    // end the connection; any other parser error is malformed HTTP.
    if (ec.category() == bhttp::make_error_code(bhttp::error::bad_method).category() &&
        ec != bhttp::error::end_of_stream && ec != bhttp::error::partial_message) {
      return SendError(400, "bad request");
    }
    CloseNow();
  }

  // The request is complete: build our Request and run the handler on a worker thread.
  void Dispatch() {
    state_ = State::kHandling;
    stream_.expires_never();
    auto& msg = parser_->get();
    head_request_ = msg.method() == bhttp::verb::head;
    version_ = msg.version();
    keep_alive_ = msg.keep_alive();

    Request request;
    request.method = std::string(msg.method_string());
    request.target = std::string(msg.target());
    std::string_view raw_path, raw_query;
    if (!SplitTarget(request.target, &raw_path, &raw_query)) return SendError(400, "bad request");
    auto path = PercentDecode(raw_path, /*plus_as_space=*/false);
    auto query = ParseUrlEncoded(raw_query);
    if (!path || !query) return SendError(400, "bad request");
    request.path = std::move(*path);
    request.query = std::move(*query);
    request.headers.reserve(static_cast<size_t>(std::distance(msg.begin(), msg.end())));
    for (const auto& field : msg) {
      request.headers.emplace_back(std::string(field.name_string()), std::string(field.value()));
    }
    request.body = std::move(msg.body());
    request.remote_address = remote_address_;
    request.remote_port = remote_port_;
    request.version = static_cast<int>(version_);
    parser_.reset();

    server_->PostWork([self = shared_from_this(), request = std::move(request),
                       head = head_request_, version = version_] {
      auto message = std::make_shared<Message>(
          self->server_->BuildMessage(self->server_->Invoke(request), head, version));
      net::post(self->executor_, [self, message] { self->Send(message, self->keep_alive_); });
    });
  }

  // An error found while reading: answer and close.
  void SendError(int status, std::string_view message) {
    parser_.reset();
    auto response = std::make_shared<Message>(
        server_->BuildMessage(ErrorJson(status, message), /*head_request=*/false, 11));
    Send(response, /*keep_alive=*/false);
  }

  void Send(std::shared_ptr<Message> message, bool keep_alive) {
    state_ = State::kWriting;
    bool keep = keep_alive && !stopping_ && !server_->stopping();
    message->keep_alive(keep);
    response_ = std::move(message);
    stream_.expires_after(server_->options().request_timeout);
    bhttp::async_write(stream_, *response_,
                       beast::bind_front_handler(&Session::OnWrite, shared_from_this(), keep));
  }

  void OnWrite(bool keep_alive, error_code ec, size_t /*bytes*/) {
    response_.reset();
    if (ec) return CloseNow();
    if (!keep_alive) return LingerClose();
    DoIdleRead();
  }

  // Half-close, then discard what the client still sends until it closes (bounded by time and
  // bytes), so that unread request bytes do not make our kernel reset the connection before the
  // client has read the response.
  void LingerClose() {
    state_ = State::kClosing;
    error_code ec;
    stream_.socket().shutdown(tcp::socket::shutdown_send, ec);
    if (ec) return CloseNow();
    buffer_.clear();
    stream_.expires_after(kLingerTimeout);
    DoDrain();
  }

  void DoDrain() {
    stream_.async_read_some(net::buffer(drain_),
                            beast::bind_front_handler(&Session::OnDrain, shared_from_this()));
  }

  void OnDrain(error_code ec, size_t bytes) {
    drained_ += bytes;
    if (ec || drained_ > kLingerMaxBytes) return CloseNow();
    DoDrain();
  }

  void CloseNow() {
    error_code ec;
    stream_.socket().shutdown(tcp::socket::shutdown_both, ec);
    stream_.close();
  }

  BeastServer* const server_;
  beast::tcp_stream stream_;
  const net::any_io_executor executor_;  // the strand; read-only, so safe from worker threads
  const std::string remote_address_;
  const uint16_t remote_port_;
  bool registered_ = false;

  // Everything below is touched only on the strand.
  State state_ = State::kIdle;
  bool stopping_ = false;
  beast::flat_buffer buffer_;
  std::optional<bhttp::request_parser<bhttp::string_body>> parser_;
  std::shared_ptr<Message> response_;
  bool head_request_ = false;
  unsigned version_ = 11;
  bool keep_alive_ = true;
  std::array<char, 4096> drain_{};
  size_t drained_ = 0;
};

bool BeastServer::Register(const std::shared_ptr<Session>& session) {
  std::lock_guard lock(sessions_mu_);
  if (stopping_.load()) return false;
  sessions_.emplace(session.get(), session);
  session->MarkRegistered();
  return true;
}

void BeastServer::Unregister(Session* session) {
  bool now_empty;
  {
    std::lock_guard lock(sessions_mu_);
    sessions_.erase(session);
    now_empty = sessions_.empty();
  }
  if (now_empty) sessions_cv_.notify_all();
}

Response BeastServer::Invoke(const Request& request) const {
  try {
    return handler_(request);
  } catch (const std::exception& e) {
    Log("handler exception for " + SanitizeForLog(request.method) + " " +
        SanitizeForLog(request.target) + ": " + SanitizeForLog(e.what()));
  } catch (...) {
    Log("handler threw a non-std exception for " + SanitizeForLog(request.method) + " " +
        SanitizeForLog(request.target));
  }
  return ErrorJson(500, "internal error");
}

Message BeastServer::BuildMessage(Response response, bool head_request, unsigned version) const {
  std::string problem;
  if (response.status < 200 || response.status > 599) {
    problem = "status " + std::to_string(response.status) + " out of range";
  }
  for (const auto& [name, value] : response.headers) {
    if (!problem.empty()) break;
    if (!IsToken(name)) problem = "invalid header name '" + SanitizeForLog(name) + "'";
    if (!IsFieldValue(value)) problem = "invalid value for header " + SanitizeForLog(name);
  }
  if (!problem.empty()) {
    Log("handler returned an invalid response: " + problem);
    response = ErrorJson(500, "internal error");
  }

  Message message;
  message.version(version);
  message.result(static_cast<unsigned>(response.status));
  for (const auto& [name, value] : response.headers) {
    if (IEquals(name, "content-length") || IEquals(name, "transfer-encoding") ||
        IEquals(name, "connection")) {
      continue;  // framing is ours
    }
    message.insert(name, value);
  }
  auto add_default = [&](std::string_view name, std::string_view value) {
    if (message.find(name) == message.end()) message.set(name, value);
  };
  add_default("X-Content-Type-Options", "nosniff");
  add_default("Referrer-Policy", "no-referrer");
  add_default("X-Frame-Options", "DENY");
  const bool bodiless = response.status == 204 || response.status == 304;
  if (bodiless) {
    message.erase("Content-Type");
    return message;  // no body and no Content-Length allowed
  }
  add_default("Content-Type", "text/plain; charset=utf-8");
  message.content_length(response.body.size());
  if (!head_request) message.body() = std::move(response.body);
  return message;
}

void BeastServer::Log(const std::string& message) const {
  if (options_.error_log) {
    try {
      options_.error_log(message);
    } catch (...) {  // a failing logger must not take a server thread down
    }
    return;
  }
  std::fprintf(stderr, "tov::http: %s\n", message.c_str());
}

Status BeastServer::Start() {
  {
    std::lock_guard lock(stop_mu_);
    if (started_ || stop_requested_) return Status::FailedPrecondition("server already started");
  }
  const ServerOptions& o = options_;
  if (o.io_threads < 1 || o.io_threads > 256) {
    return Status::InvalidField("io_threads", "must be 1..256");
  }
  if (o.worker_threads < 1 || o.worker_threads > 1024) {
    return Status::InvalidField("worker_threads", "must be 1..1024");
  }
  if (o.max_header_bytes < 64 || o.max_header_bytes > std::numeric_limits<uint32_t>::max()) {
    return Status::InvalidField("max_header_bytes", "must be 64..4294967295");
  }
  if (o.idle_timeout.count() <= 0 || o.request_timeout.count() <= 0 ||
      o.shutdown_grace.count() < 0) {
    return Status::InvalidField("timeouts", "must be positive");
  }
  if (!handler_) return Status::InvalidField("handler", "must not be empty");
  if (o.max_connections < 1) return Status::InvalidField("max_connections", "must be at least 1");
  RETURN_IF_ERROR(FitConnectionLimit());

  error_code ec;
  auto address = net::ip::make_address(o.address, ec);
  if (ec) return Status::InvalidField("address", "not an IP address: " + o.address);
  tcp::endpoint endpoint(address, o.port);
  const std::string where = o.address + ":" + std::to_string(o.port);
  if (acceptor_.open(endpoint.protocol(), ec); ec) {
    return Status::Io("socket for " + where + ": " + ec.message());
  }
  if (acceptor_.set_option(net::socket_base::reuse_address(true), ec); ec) {
    return Status::Io("SO_REUSEADDR for " + where + ": " + ec.message());
  }
  if (acceptor_.bind(endpoint, ec); ec) {
    acceptor_.close(ec);
    return Status::Io("bind " + where + ": " + ec.message());
  }
  if (acceptor_.listen(net::socket_base::max_listen_connections, ec); ec) {
    acceptor_.close(ec);
    return Status::Io("listen " + where + ": " + ec.message());
  }
  auto local = acceptor_.local_endpoint(ec);
  if (ec) {
    acceptor_.close(ec);
    return Status::Io("local address of " + where + ": " + ec.message());
  }
  port_ = local.port();

  {
    std::lock_guard lock(stop_mu_);
    started_ = true;
  }
  work_guard_.emplace(ioc_.get_executor());
  net::post(acceptor_.get_executor(), [this] { DoAccept(); });
  workers_.Start(o.worker_threads, this);
  for (int i = 0; i < o.io_threads; ++i) io_threads_.emplace_back([this] { RunIo(); });
  return Status::Ok();
}

void BeastServer::RunIo() {
  tls_server_thread = this;
  for (;;) {
    try {
      ioc_.run();
      return;
    } catch (const std::exception& e) {
      Log(std::string("exception on an I/O thread: ") + e.what());
    } catch (...) {
      Log("unknown exception on an I/O thread");
    }
  }
}

Status BeastServer::FitConnectionLimit() {
  size_t limit = options_.max_connections;
  rlimit files{};
  if (::getrlimit(RLIMIT_NOFILE, &files) == 0 && files.rlim_cur != RLIM_INFINITY) {
    const rlim_t wanted = static_cast<rlim_t>(limit) + kDescriptorReserve;
    if (files.rlim_cur < wanted &&
        (files.rlim_max == RLIM_INFINITY || files.rlim_max > files.rlim_cur)) {
      rlimit raised = files;
      raised.rlim_cur = files.rlim_max == RLIM_INFINITY ? wanted : std::min(files.rlim_max, wanted);
      if (::setrlimit(RLIMIT_NOFILE, &raised) == 0) files = raised;
    }
    if (files.rlim_cur < wanted) {
      if (files.rlim_cur <= kDescriptorReserve)
        return Status::InvalidField(
            "max_connections", "the open-file limit (ulimit -n " + std::to_string(files.rlim_cur) +
                                   ") leaves no descriptor for connections");
      size_t fitted = static_cast<size_t>(files.rlim_cur) - kDescriptorReserve;
      Log("connection limit lowered from " + std::to_string(limit) + " to " +
          std::to_string(fitted) + ": the open-file limit (ulimit -n) is " +
          std::to_string(files.rlim_cur));
      limit = fitted;
    }
  }
  max_connections_ = limit;
  return Status::Ok();
}

size_t BeastServer::SessionCount() const {
  std::lock_guard lock(sessions_mu_);
  return sessions_.size();
}

void BeastServer::Refuse(tcp::socket socket) {
  ++refusals_;
  auto now = std::chrono::steady_clock::now();
  if (refusal_logged_ == TimePoint{} || now - refusal_logged_ >= kLogEvery) {
    Log("connection limit reached (" + std::to_string(max_connections_.load()) + " open): " +
        std::to_string(refusals_) + " new connection(s) answered 503 since the last report");
    refusal_logged_ = now;
    refusals_ = 0;
  }
  if (lingering_refusals_.load() < kMaxLingeringRefusals) {
    std::make_shared<Refusal>(std::move(socket), lingering_refusals_)->Start();
    return;
  }
  // A flood: answer what fits in the socket's buffer now (a new socket's is empty) and close.
  error_code ignored;
  socket.non_blocking(true, ignored);
  socket.write_some(net::buffer(TooManyConnections()), ignored);
  socket.shutdown(tcp::socket::shutdown_both, ignored);
  socket.close(ignored);
}

void BeastServer::DoAccept() {
  acceptor_.async_accept(net::make_strand(ioc_),
                         beast::bind_front_handler(&BeastServer::OnAccept, this));
}

void BeastServer::OnAccept(error_code ec, tcp::socket socket) {
  if (ec) {
    if (ec == net::error::operation_aborted || !acceptor_.is_open()) return;
    // E.g. out of file descriptors: retry a bit later, and say so at most once per kLogEvery.
    ++accept_failures_;
    auto now = std::chrono::steady_clock::now();
    if (accept_failure_logged_ == TimePoint{} || now - accept_failure_logged_ >= kLogEvery) {
      Log("accept failed: " + ec.message() + " (" + std::to_string(accept_failures_) +
          " time(s) since the last report)");
      accept_failure_logged_ = now;
      accept_failures_ = 0;
    }
    accept_timer_.expires_after(kAcceptRetryDelay);
    accept_timer_.async_wait([this](error_code timer_ec) {
      if (!timer_ec && acceptor_.is_open()) DoAccept();
    });
    return;
  }
  if (SessionCount() >= max_connections_.load()) {
    Refuse(std::move(socket));
    DoAccept();
    return;
  }
  error_code ignored;
  socket.set_option(tcp::no_delay(true), ignored);
  auto remote = socket.remote_endpoint(ignored);
  auto session = std::make_shared<Session>(this, std::move(socket), remote.address().to_string(),
                                           remote.port());
  if (Register(session)) session->Start();  // else: stopping; the session closes on release
  DoAccept();
}

void BeastServer::Stop() {
  std::unique_lock lock(stop_mu_);
  if (!stop_requested_) {
    stop_requested_ = true;
    if (tls_server_thread == this) {
      // Joining our own thread would deadlock: finish the shutdown on a helper thread.
      stopper_ = std::thread([this] { DoStop(); });
      return;
    }
    lock.unlock();
    DoStop();
    return;
  }
  if (tls_server_thread == this) return;
  stop_cv_.wait(lock, [&] { return stopped_; });
}

void BeastServer::DoStop() {
  bool started;
  {
    std::lock_guard lock(stop_mu_);
    started = started_;
  }
  if (started) {
    // 1. No new connections; idle ones close now, busy ones after their response.
    std::vector<std::shared_ptr<Session>> live;
    {
      std::lock_guard lock(sessions_mu_);
      stopping_ = true;
      for (auto& [raw, weak] : sessions_) {
        if (auto session = weak.lock()) live.push_back(std::move(session));
      }
    }
    net::post(acceptor_.get_executor(), [this] {
      error_code ignored;
      acceptor_.close(ignored);
      accept_timer_.cancel();
    });
    for (auto& session : live) {
      net::post(session->executor(), [session] { session->Shutdown(); });
    }
    live.clear();

    // 2. Wait (bounded) for in-flight requests to finish.
    {
      std::unique_lock lock(sessions_mu_);
      sessions_cv_.wait_for(lock, options_.shutdown_grace, [&] { return sessions_.empty(); });
    }

    // 3. Stop the event loop and the workers. Sessions still alive are destroyed with ioc_.
    work_guard_.reset();
    ioc_.stop();
    for (auto& t : io_threads_) t.join();
    io_threads_.clear();
    workers_.StopAndJoin();
  }
  {
    std::lock_guard lock(stop_mu_);
    stopped_ = true;
  }
  stop_cv_.notify_all();
}

void BeastServer::Wait() {
  std::unique_lock lock(stop_mu_);
  if (!started_) return;
  stop_cv_.wait(lock, [&] { return stopped_; });
}

}  // namespace

std::unique_ptr<Server> Server::Create(ServerOptions options, Handler handler) {
  return std::make_unique<BeastServer>(std::move(options), std::move(handler));
}

}  // namespace tov::http
