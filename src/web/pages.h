// The HTML pages of the web application (Danish first, English behind a language switch):
// login, dashboard, citizens (search, list, intake), the citizen's page with every entry form,
// and the report page. Server-rendered; forms work without JavaScript.
#pragma once

#include "web/http_server.h"

namespace tov::web {

class WebApp;

// Handles every request outside /api/, /static/ and /healthz.
http::Response HandlePage(WebApp& app, const http::Request& request);

}  // namespace tov::web
