// Small checks of HTTP syntax shared by the plain helpers (http_server.cc) and the Boost.Beast
// server (beast_server.cc). Internal to the HTTP server: the rest of the web layer uses
// http_server.h only.
#pragma once

#include <string>
#include <string_view>

namespace tov::http::internal {

// ASCII case-insensitive equality (header names, schemes, "100-continue").
bool IEquals(std::string_view a, std::string_view b);
// True when `s` is a non-empty RFC 9110 token (a valid header or cookie name).
bool IsToken(std::string_view s);
// True when `s` may be a header field value: no control characters other than tab.
bool IsFieldValue(std::string_view s);
// The first 512 bytes of `s` with control characters replaced by '?', so that client-controlled
// text cannot forge log lines.
std::string SanitizeForLog(std::string_view s);
// Splits a request-target (origin-form, absolute-form, or "*") into its raw path and query.
// False when it is none of those.
bool SplitTarget(std::string_view target, std::string_view* path, std::string_view* query);

}  // namespace tov::http::internal
