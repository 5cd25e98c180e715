// Fuzz target: the web layer's parsers of what a client sends — percent-decoding, query strings
// and form bodies (http::PercentDecode, http::ParseUrlEncoded, pages::ParseForm), the
// request-target split (http::internal::SplitTarget), and the Cookie, header and query lookups
// of http::Request. Properties: no crash, leak or UB; %00 never decodes to a NUL byte; what
// html::UrlEncode writes decodes back to itself; a parsed form holds only valid UTF-8 without NUL;
// a parsed query, written again with UrlEncode, parses to the same list.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "common/text.h"
#include "fuzz_util.h"
#include "web/html.h"
#include "web/http_internal.h"
#include "web/http_server.h"
#include "web/page_internal.h"

namespace http = tov::http;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string text(reinterpret_cast<const char*>(data), size);

  for (bool plus : {false, true}) {
    if (auto decoded = http::PercentDecode(text, plus)) {
      // %00 is refused; a NUL byte sent as such is left for the caller (TextProblem) to refuse.
      if (text.find('\0') == std::string::npos) FUZZ_CHECK(decoded->find('\0') == std::string::npos, text);
      FUZZ_CHECK(decoded->size() <= text.size(), text);
    }
  }
  if (text.find('\0') == std::string::npos) {
    auto back = http::PercentDecode(tov::web::html::UrlEncode(text), false);
    FUZZ_CHECK(back && *back == text, text);
  }

  if (auto params = http::ParseUrlEncoded(text)) {
    std::string written;
    for (const auto& [name, value] : *params) {
      if (text.find('\0') == std::string::npos)
        FUZZ_CHECK(name.find('\0') == std::string::npos && value.find('\0') == std::string::npos, text);
      if (!written.empty()) written += '&';
      written += tov::web::html::UrlEncode(name) + "=" + tov::web::html::UrlEncode(value);
    }
    // "a" (no '=') and "a=" both give {"a", ""}; an empty name is written as "=value". (A raw
    // NUL byte would be written as %00, which is refused.)
    if (text.find('\0') == std::string::npos) {
      auto again = http::ParseUrlEncoded(written);
      FUZZ_CHECK(again && *again == *params, text + "\n" + written);
    }
  }

  http::Request request;
  request.method = "POST";
  request.target = "/";
  request.body = text;
  request.headers = {{"Content-Type", "application/x-www-form-urlencoded"}, {"Cookie", text}};
  if (auto form = tov::web::pages::ParseForm(request)) {
    for (const auto& [name, value] : *form) {
      FUZZ_CHECK(!tov::TextProblem(name) && !tov::TextProblem(value), text);
      FUZZ_CHECK(name.size() <= 100 && value.size() <= tov::web::pages::kMaxFormValueBytes, text);
    }
  }
  for (std::string_view name : {"tov_session", "tov_lang", "tov_login", ""}) {
    if (auto value = request.Cookie(name)) FUZZ_CHECK(value->size() <= text.size(), text);
  }
  (void)request.Header("cookie");

  std::string_view path, query;
  if (http::internal::SplitTarget(text, &path, &query)) {
    FUZZ_CHECK(!path.empty(), text);
    if (auto q = http::ParseUrlEncoded(query)) {
      request.query = std::move(*q);
      (void)request.Query("citizen");
      (void)request.QueryAll("municipality");
    }
  }
  return 0;
}
