// The one escaper of text for HTML and XML (the web pages, the SVG charts and the HTML report).
// Pure: no I/O, no state.
#pragma once

#include <string>
#include <string_view>

namespace tov {

// Escapes text for element content and (double- or single-quoted) attribute values: & < > " '
// become &amp; &lt; &gt; &quot; &#39;. Control characters that XML 1.0 forbids (below U+0020
// other than tab, LF and CR) are dropped. Other bytes, UTF-8 included, pass unchanged.
std::string EscapeHtml(std::string_view text);

}  // namespace tov
