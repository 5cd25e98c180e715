// The screening endpoint: parse the body strictly, call domain Screen, name the result.
#include "web/api_screening.h"

#include <algorithm>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "app/access_policy.h"
#include "domain/screening.h"
#include "web/web_app.h"

namespace tov::web {
namespace {

using json = nlohmann::json;

constexpr const char* kFields[] = {"own_home", "situation", "night", "release_housing",
                                   "release_expected"};

}  // namespace

http::Response ScreeningApi(const Principal& p, const http::Request& r, Date today) {
  if (!Allowed(p.role, Permission::kRegisterCitizens))
    return JsonError(403, "only caseworkers and leaders screen and register citizens");
  json body = json::parse(r.body, nullptr, false);
  if (body.is_discarded() || !body.is_object())
    return JsonError(400, "the body must be a JSON object");

  std::vector<FieldError> fields;
  for (auto it = body.begin(); it != body.end(); ++it)
    if (std::none_of(std::begin(kFields), std::end(kFields),
                     [&](const char* f) { return it.key() == f; }))
      fields.push_back({it.key(), "is not a field of a screening"});
  // The field's text ("" when absent), or nullopt (and a field error) when it is not a string.
  auto text = [&](const char* name) -> std::optional<std::string> {
    auto it = body.find(name);
    if (it == body.end()) return "";
    if (!it->is_string()) {
      fields.push_back({name, "must be a string"});
      return std::nullopt;
    }
    return it->get<std::string>();
  };
  auto answer = [&](const char* name, ScreeningAnswer* out) {
    auto v = text(name);
    if (!v) return;
    if (v->empty())
      *out = ScreeningAnswer::kUnanswered;
    else if (*v == "yes")
      *out = ScreeningAnswer::kYes;
    else if (*v == "no")
      *out = ScreeningAnswer::kNo;
    else
      fields.push_back({name, "must be \"yes\", \"no\" or \"\""});
  };

  ScreeningInput in;
  answer("own_home", &in.own_home);
  if (auto v = text("situation"); v && !v->empty()) {
    in.situation = ParseName<Situation>(kSituationNames, *v);
    if (!in.situation) {
      std::string allowed;
      for (std::string_view n : kSituationNames)
        allowed += (allowed.empty() ? "" : ", ") + std::string(n);
      fields.push_back({"situation", "must be one of " + allowed});
    }
  }
  answer("night", &in.night);
  answer("release_housing", &in.release_housing);
  if (auto v = text("release_expected"); v && !v->empty()) {
    in.release_expected = ParseDate(*v);
    if (!in.release_expected)
      fields.push_back({"release_expected", "must be a real date YYYY-MM-DD"});
  }
  if (!fields.empty()) return JsonError(422, "invalid screening", fields);

  ScreeningResult s = Screen(in, today);
  json out{{"outcome", std::string(NameOf(kScreeningOutcomeNames, s.outcome))},
           {"reason", std::string(NameOf(kScreeningReasonNames, s.reason))}};
  return http::Response::Json(200, out.dump());
}

}  // namespace tov::web
