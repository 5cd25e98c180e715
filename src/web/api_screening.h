// POST /api/v1/screening (docs/api.md): the target-group screening of domain/screening.h as a
// JSON endpoint, for the roles that may register citizens.
#pragma once

#include "app/auth.h"
#include "domain/date.h"
#include "web/http_server.h"

namespace tov::web {

// Screens the JSON body {"own_home","situation","night","release_housing","release_expected"}
// (every field optional, a string; "" is "not answered") on `today` and answers 200
// {"outcome": "in"|"out"|"incomplete", "reason": <kScreeningReasonNames>}. 403 when `p`'s role
// may not register citizens, 400 for a body that is not a JSON object, 422 with field errors for
// an unknown field, a value that is not a string, or a value outside its field's values. Stores
// nothing and writes no access record: the person is not a citizen of the journal (yet).
http::Response ScreeningApi(const Principal& p, const http::Request& r, Date today);

}  // namespace tov::web
