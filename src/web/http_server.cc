// The plain parts of http_server.h: the Request and Response methods, cookies, percent-decoding
// and url-encoded parameters, and the small checks of HTTP syntax that the server uses
// (http_internal.h). No Boost here: the Boost.Beast server itself is in beast_server.cc.
#include "web/http_server.h"

#include <algorithm>
#include <cstdint>

#include "web/http_internal.h"

namespace tov::http {

namespace {

char AsciiLower(char c) { return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c; }

std::string_view TrimOws(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return s;
}

int HexValue(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

// RFC 9110 tchar.
bool IsTokenChar(unsigned char c) {
  if (c >= '0' && c <= '9') return true;
  if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z')) return true;
  return std::string_view("!#$%&'*+-.^_`|~").find(static_cast<char>(c)) != std::string_view::npos;
}

}  // namespace

namespace internal {

bool IEquals(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (size_t i = 0; i < a.size(); ++i) {
    if (AsciiLower(a[i]) != AsciiLower(b[i])) return false;
  }
  return true;
}

bool IsToken(std::string_view s) {
  return !s.empty() &&
         std::all_of(s.begin(), s.end(),
                     [](char c) { return IsTokenChar(static_cast<unsigned char>(c)); });
}

// A header field value: visible ASCII, obs-text, space and tab; no other control characters.
bool IsFieldValue(std::string_view s) {
  return std::all_of(s.begin(), s.end(), [](char ch) {
    auto c = static_cast<unsigned char>(ch);
    return c == '\t' || (c >= 0x20 && c != 0x7f);
  });
}

// Replaces control characters so that client-controlled text cannot forge log lines.
std::string SanitizeForLog(std::string_view s) {
  std::string out(s.substr(0, 512));
  for (char& c : out) {
    auto u = static_cast<unsigned char>(c);
    if (u < 0x20 || u == 0x7f) c = '?';
  }
  return out;
}

// Splits a request-target (origin-form, absolute-form, or "*") into path and query. False when
// it is none of those.
bool SplitTarget(std::string_view target, std::string_view* path, std::string_view* query) {
  if (target == "*") {
    *path = target;
    *query = {};
    return true;
  }
  if (target.empty()) return false;
  if (target.front() != '/') {
    size_t scheme_end = target.find("://");
    if (scheme_end == std::string_view::npos) return false;
    std::string_view scheme = target.substr(0, scheme_end);
    if (!IEquals(scheme, "http") && !IEquals(scheme, "https")) return false;
    std::string_view rest = target.substr(scheme_end + 3);
    size_t start = rest.find_first_of("/?");
    target = start == std::string_view::npos ? std::string_view("/") : rest.substr(start);
  }
  size_t q = target.find('?');
  *path = target.substr(0, q);
  if (path->empty()) *path = "/";
  *query = q == std::string_view::npos ? std::string_view() : target.substr(q + 1);
  return true;
}

}  // namespace internal

using internal::IEquals;
using internal::IsToken;

namespace {

// RFC 6265 cookie-octet.
bool IsCookieValue(std::string_view s) {
  return std::all_of(s.begin(), s.end(), [](char ch) {
    auto c = static_cast<unsigned char>(ch);
    return c == 0x21 || (c >= 0x23 && c <= 0x2b) || (c >= 0x2d && c <= 0x3a) ||
           (c >= 0x3c && c <= 0x5b) || (c >= 0x5d && c <= 0x7e);
  });
}

// Cookie attribute values (Path, Domain): any CHAR except controls and ';'.
bool IsCookieAttributeValue(std::string_view s) {
  return std::all_of(s.begin(), s.end(), [](char ch) {
    auto c = static_cast<unsigned char>(ch);
    return c >= 0x20 && c < 0x7f && c != ';';
  });
}

std::optional<std::string> FindHeader(const HeaderList& headers, std::string_view name) {
  for (const auto& [n, v] : headers) {
    if (IEquals(n, name)) return v;
  }
  return std::nullopt;
}

}  // namespace

std::optional<std::string> PercentDecode(std::string_view in, bool plus_as_space) {
  std::string out;
  out.reserve(in.size());
  for (size_t i = 0; i < in.size(); ++i) {
    char c = in[i];
    if (c == '%') {
      if (i + 2 >= in.size()) return std::nullopt;
      int hi = HexValue(in[i + 1]);
      int lo = HexValue(in[i + 2]);
      if (hi < 0 || lo < 0) return std::nullopt;
      char decoded = static_cast<char>(hi * 16 + lo);
      if (decoded == '\0') return std::nullopt;
      out.push_back(decoded);
      i += 2;
    } else if (c == '+' && plus_as_space) {
      out.push_back(' ');
    } else {
      out.push_back(c);
    }
  }
  return out;
}

std::optional<ParamList> ParseUrlEncoded(std::string_view in) {
  ParamList params;
  while (!in.empty()) {
    size_t amp = in.find('&');
    std::string_view piece = in.substr(0, amp);
    in = amp == std::string_view::npos ? std::string_view() : in.substr(amp + 1);
    if (piece.empty()) continue;
    size_t eq = piece.find('=');
    std::string_view raw_name = piece.substr(0, eq);
    std::string_view raw_value =
        eq == std::string_view::npos ? std::string_view() : piece.substr(eq + 1);
    auto name = PercentDecode(raw_name, /*plus_as_space=*/true);
    auto value = PercentDecode(raw_value, /*plus_as_space=*/true);
    if (!name || !value) return std::nullopt;
    params.emplace_back(std::move(*name), std::move(*value));
  }
  return params;
}

std::optional<std::string> Request::Query(std::string_view name) const {
  for (const auto& [n, v] : query) {
    if (n == name) return v;
  }
  return std::nullopt;
}

std::vector<std::string> Request::QueryAll(std::string_view name) const {
  std::vector<std::string> values;
  for (const auto& [n, v] : query) {
    if (n == name) values.push_back(v);
  }
  return values;
}

std::optional<std::string> Request::Header(std::string_view name) const {
  return FindHeader(headers, name);
}

std::optional<std::string> Request::Cookie(std::string_view name) const {
  for (const auto& [header_name, header_value] : headers) {
    if (!IEquals(header_name, "cookie")) continue;
    std::string_view rest = header_value;
    while (!rest.empty()) {
      size_t semi = rest.find(';');
      std::string_view pair = TrimOws(rest.substr(0, semi));
      rest = semi == std::string_view::npos ? std::string_view() : rest.substr(semi + 1);
      size_t eq = pair.find('=');
      if (eq == std::string_view::npos) continue;
      if (TrimOws(pair.substr(0, eq)) != name) continue;
      std::string_view value = TrimOws(pair.substr(eq + 1));
      if (value.size() >= 2 && value.front() == '"' && value.back() == '"') {
        value = value.substr(1, value.size() - 2);
      }
      return std::string(value);
    }
  }
  return std::nullopt;
}

namespace {

Response WithContentType(int status, std::string body, const char* content_type) {
  Response r;
  r.status = status;
  r.headers.emplace_back("Content-Type", content_type);
  r.body = std::move(body);
  return r;
}

}  // namespace

Response Response::Json(int status, std::string body) {
  return WithContentType(status, std::move(body), "application/json");
}

Response Response::Html(int status, std::string body) {
  return WithContentType(status, std::move(body), "text/html; charset=utf-8");
}

Response Response::Text(int status, std::string body) {
  return WithContentType(status, std::move(body), "text/plain; charset=utf-8");
}

Response Response::Redirect(std::string location, int status) {
  Response r = Text(status, "");
  r.headers.emplace_back("Location", std::move(location));
  return r;
}

Response& Response::SetHeader(std::string name, std::string value) {
  std::erase_if(headers, [&](const auto& h) { return IEquals(h.first, name); });
  headers.emplace_back(std::move(name), std::move(value));
  return *this;
}

Response& Response::AddHeader(std::string name, std::string value) {
  headers.emplace_back(std::move(name), std::move(value));
  return *this;
}

std::optional<std::string> Response::Header(std::string_view name) const {
  return FindHeader(headers, name);
}

Status Response::SetCookie(std::string_view name, std::string_view value,
                           const CookieOptions& options) {
  if (!IsToken(name)) return Status::InvalidField("cookie name", "not a token");
  if (!IsCookieValue(value)) return Status::InvalidField("cookie value", "invalid character");
  if (!IsCookieAttributeValue(options.path)) {
    return Status::InvalidField("cookie path", "invalid character");
  }
  if (!IsCookieAttributeValue(options.domain)) {
    return Status::InvalidField("cookie domain", "invalid character");
  }
  std::string line;
  line.append(name).append("=").append(value);
  if (!options.path.empty()) line.append("; Path=").append(options.path);
  if (!options.domain.empty()) line.append("; Domain=").append(options.domain);
  if (options.max_age) {
    int64_t seconds = std::max<int64_t>(0, options.max_age->count());
    line.append("; Max-Age=").append(std::to_string(seconds));
  }
  if (options.secure || options.same_site == SameSite::kNone) line.append("; Secure");
  if (options.http_only) line.append("; HttpOnly");
  switch (options.same_site) {
    case SameSite::kStrict: line.append("; SameSite=Strict"); break;
    case SameSite::kLax: line.append("; SameSite=Lax"); break;
    case SameSite::kNone: line.append("; SameSite=None"); break;
  }
  headers.emplace_back("Set-Cookie", std::move(line));
  return Status::Ok();
}

Status Response::ExpireCookie(std::string_view name, const CookieOptions& options) {
  CookieOptions expired = options;
  expired.max_age = std::chrono::seconds(0);
  return SetCookie(name, "", expired);
}

}  // namespace tov::http
