// tovholder's own small HTTP/1.1 server interface: plain request/response value types, a handler
// callback and a Server that owns its threads. No Boost type appears here; the only
// implementation (Boost.Beast, async) lives in beast_server.cc, so only that file pays Beast's
// compile cost; the methods of the value types and the decoding helpers are in http_server.cc.
// Nothing in this interface throws: errors come back as tov::Status.
#pragma once

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "common/status.h"

namespace tov::http {

using HeaderList = std::vector<std::pair<std::string, std::string>>;
using ParamList = std::vector<std::pair<std::string, std::string>>;

// An HTTP request as the handler sees it. Header values are exactly as received (never
// percent-decoded); only the path and the query parameters are decoded.
struct Request {
  std::string method;  // as sent, e.g. "GET"
  std::string target;  // raw request-target, e.g. "/cases/a%20b?x=1"
  // Percent-decoded path without the query, e.g. "/cases/a b". "%2F" decodes to '/', and ".."
  // segments are not resolved: code that maps paths to files must check them itself. Use `target`
  // when the encoded form matters.
  std::string path;
  ParamList query;       // decoded ('+' is a space), in the order sent; names may repeat
  HeaderList headers;    // names as sent, in the order sent
  std::string body;
  std::string remote_address;  // peer IP address, e.g. "127.0.0.1"
  uint16_t remote_port = 0;
  int version = 11;            // 10 = HTTP/1.0, 11 = HTTP/1.1

  // The first query parameter called `name`, or nullopt. `?x` (no '=') gives "".
  std::optional<std::string> Query(std::string_view name) const;
  // All values of query parameter `name`, in order.
  std::vector<std::string> QueryAll(std::string_view name) const;
  // The first header called `name` (case-insensitive), or nullopt.
  std::optional<std::string> Header(std::string_view name) const;
  // The value of cookie `name` from the Cookie header(s) (surrounding double quotes removed, no
  // decoding), or nullopt.
  std::optional<std::string> Cookie(std::string_view name) const;
};

enum class SameSite { kStrict, kLax, kNone };

struct CookieOptions {
  std::string path = "/";
  std::string domain;                      // empty: host-only cookie
  std::optional<std::chrono::seconds> max_age;  // nullopt: session cookie
  bool http_only = true;
  bool secure = false;  // set it whenever the site is served over HTTPS
  SameSite same_site = SameSite::kLax;
};

// An HTTP response built by a handler. The server sets Content-Length and Connection itself
// (handler values for Content-Length, Transfer-Encoding and Connection are ignored), adds
// `X-Content-Type-Options: nosniff`, `Referrer-Policy: no-referrer` and `X-Frame-Options: DENY`
// unless the handler set those names, and adds `Content-Type: text/plain; charset=utf-8` when
// the handler set none. A header name that is not an RFC 9110 token, a header value containing a
// control character other than tab, or a status outside 200..599 turns the response into a 500.
struct Response {
  int status = 200;
  HeaderList headers;
  std::string body;

  static Response Json(int status, std::string body);  // application/json
  static Response Html(int status, std::string body);  // text/html; charset=utf-8
  static Response Text(int status, std::string body);  // text/plain; charset=utf-8
  // A redirect with a Location header and an empty body (303: "see other", for POST-then-GET).
  static Response Redirect(std::string location, int status = 303);

  // Replaces every header called `name` (case-insensitive) with one `name: value`.
  Response& SetHeader(std::string name, std::string value);
  // Appends a header (for names that may repeat).
  Response& AddHeader(std::string name, std::string value);
  // The first header called `name` (case-insensitive), or nullopt.
  std::optional<std::string> Header(std::string_view name) const;

  // Appends a Set-Cookie header. Fails (and adds nothing) when `name` is not a token or `value`
  // / path / domain contain characters that are not allowed in a cookie.
  Status SetCookie(std::string_view name, std::string_view value,
                   const CookieOptions& options = {});
  // Appends a Set-Cookie header that deletes cookie `name` (empty value, Max-Age=0).
  Status ExpireCookie(std::string_view name, const CookieOptions& options = {});
};

// Called on a worker thread (never on an I/O thread), so it may block (database, password
// hashing). It may be called concurrently from several worker threads. An exception escaping it
// becomes `500 {"error":"internal error"}`; the exception text goes to ServerOptions::error_log,
// never to the client.
using Handler = std::function<Response(const Request&)>;

struct ServerOptions {
  std::string address = "127.0.0.1";
  uint16_t port = 8080;  // 0 = pick a free port; see Server::port()
  int io_threads = 1;      // threads running the network event loop
  int worker_threads = 2;  // threads running the handler
  size_t max_header_bytes = 16 * 1024;   // request line + headers; more gives 431
  size_t max_body_bytes = 1024 * 1024;   // more gives 413
  std::chrono::seconds idle_timeout{60};     // a keep-alive connection with no request is closed
  std::chrono::seconds request_timeout{30};  // reading one request (from its first byte), and
                                             // writing one response, must finish within this
  std::chrono::seconds shutdown_grace{10};   // how long Stop() waits for in-flight requests
  // Connections open at once (idle keep-alive ones included). A new connection over the cap is
  // answered `503 {"error":"too many connections; …"}` with Retry-After and closed, without
  // reading its request. Start() lowers the cap to fit the open-file limit (RLIMIT_NOFILE, whose
  // soft limit it raises towards the hard one when needed), keeping descriptors in reserve for
  // the database, logs and refusals; see Server::max_connections().
  size_t max_connections = 512;
  // Receives server-side problems that clients must not see (handler exception text, invalid
  // responses, accept failures and the connection limit, each at most once per 10 s), with
  // control characters replaced. Called from any server thread, possibly concurrently. Null:
  // one line to stderr.
  std::function<void(const std::string&)> error_log;
};

// An HTTP/1.1 server. Threads: `io_threads` I/O threads multiplex all connections
// asynchronously (an idle keep-alive connection holds no thread), and `worker_threads` threads
// run the handler; a slow handler delays only its own connection.
//
// Thread-safety: Start() is called once, by the owner. Stop() and Wait() may be called from any
// thread, concurrently. Stop() is NOT async-signal-safe, so never call it from inside a signal
// handler function. For SIGINT/SIGTERM: in main(), block both with pthread_sigmask() before
// Start() (the server's threads inherit the mask); then call Stop() from a thread blocked in
// sigwait(): either the main thread itself (sigwait, Stop, return) or a dedicated thread while
// the main thread sits in Wait().
class Server {
 public:
  // Never fails; the options are checked by Start().
  static std::unique_ptr<Server> Create(ServerOptions options, Handler handler);

  virtual ~Server() = default;  // the implementation stops the server first

  // Checks the options, binds, listens, starts the threads and returns once connections are
  // being accepted. Errors: kInvalidArgument (bad options or address), kIo (e.g. the port is in
  // use), kFailedPrecondition (already started or stopped).
  virtual Status Start() = 0;
  // The bound port (the chosen one when options.port was 0); 0 before a successful Start().
  virtual uint16_t port() const = 0;
  // The connection limit in force: options.max_connections, lowered by Start() when the
  // open-file limit cannot hold it.
  virtual size_t max_connections() const = 0;
  // Graceful shutdown: stop accepting, close idle keep-alive connections, let requests that are
  // being read or handled finish and get their response (with `Connection: close`), waiting up
  // to options.shutdown_grace; then close whatever is left and join the threads. Blocks until
  // done, and is idempotent. Called from a handler or another server thread, it only starts the
  // shutdown (which then completes on a helper thread) and returns at once. A handler that never
  // returns makes the final join wait for it.
  virtual void Stop() = 0;
  // Blocks until a Stop() has completed. Returns at once if Start() never succeeded.
  virtual void Wait() = 0;
};

// Decodes %XX escapes (and '+' as a space when `plus_as_space`). nullopt when an escape is
// malformed or decodes to a NUL byte.
std::optional<std::string> PercentDecode(std::string_view in, bool plus_as_space);
// Parses `a=1&b=x+y` (a query string or an application/x-www-form-urlencoded body). nullopt on
// a malformed escape. Empty pieces (`a=1&&b=2`) are skipped.
std::optional<ParamList> ParseUrlEncoded(std::string_view in);

}  // namespace tov::http
