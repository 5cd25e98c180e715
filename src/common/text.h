// Checks of text that comes from outside (request bodies, form values, imported lines) before it
// is parsed or stored. The JSON parser takes a NUL byte for the end of its input (so
// `{valid}\0{more}` would be read as `{valid}`), and the JSON writer throws on invalid UTF-8, so
// neither may get past the edge of the program.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace tov {

// nullopt when `s` is well-formed UTF-8 (RFC 3629: no overlong forms, no surrogates, nothing
// above U+10FFFF) and holds no NUL byte; otherwise what is wrong and where, counting bytes from
// 1: "contains a NUL byte (byte 17)" or "is not valid UTF-8 (byte 3)".
std::optional<std::string> TextProblem(std::string_view s);

// The number of characters (Unicode code points) of `s`, which must be valid UTF-8 (every byte
// that does not continue a sequence starts one). The limits on free text count these, not bytes:
// "æøå" is three characters (docs/journal-format.md).
size_t CodePointCount(std::string_view s);

// `s` with everything shaped like a CPR number replaced by ten asterisks, so that an error
// message or a log line never repeats one the client sent, whatever field or path it came in:
// a run of ten or more digits, or ten digits grouped as DDMMYY SSSS or DD MM YY SSSS with one
// separator ('-', ' ', '.' or '/') between groups (e.g. 010190-1234, 010190 1234, 01.01.90-1234,
// 01/01/90/1234).
std::string RedactCprLike(std::string s);

}  // namespace tov
