// Demo data for `demo` and `serve --demo`: a synthetic journal and one user of each role.
#include "cli/verbs.h"

#include "app/administration.h"
#include "cli/cli_util.h"
#include "demo/demo.h"
#include "domain/entry_json.h"

namespace tov::cli {

// Fills an empty journal with a synthetic population.
Status AddDemo(App& app, int citizens, uint64_t seed, const std::string& today, std::ostream& out) {
  bool empty = app.Read([](const Journal& j) { return j.size() == 0; });
  if (!empty) return Status::FailedPrecondition("the database already has entries; demo data goes into a new --db");
  demo::DemoOptions o;
  o.citizens = citizens;
  o.seed = seed;
  o.today = today;
  // On the day of the run, nothing is recorded after this moment: an export made now imports again now.
  const int64_t now = app.Now().millis() / 1000;
  if (Timestamp::FromDate(*ParseDate(today)).millis() / 1000 <= now) o.not_after = now;
  if (auto problem = demo::CheckOptions(o)) return Status::InvalidField("--citizens/--today", *problem);
  std::vector<Entry> batch;
  ParseOptions po{Timestamp::FromDate(*ParseDate(today)).millis() + 86'400'000 > app.Now().millis()
                      ? Timestamp(Timestamp::FromDate(*ParseDate(today)).millis() + 86'400'000)
                      : app.Now(),
                  false};
  Status bad;
  demo::Generate(o, [&](const nlohmann::json& j) {
    if (!bad.ok()) return;
    auto e = ParseEntry(j, po);
    if (!e.ok()) {
      bad = Status::Internal("demo generator produced an invalid entry: " + e.status().ToString());
      return;
    }
    batch.push_back(std::move(*e));
  });
  RETURN_IF_ERROR(bad);
  std::vector<BatchError> errors;
  Status s = app.Append(batch, {"demo", "cli"}, &errors);
  if (!s.ok() && !errors.empty())
    return Status::Internal("demo data failed the journal checks: " + errors.front().error.field + ": " + errors.front().error.reason);
  RETURN_IF_ERROR(s);
  out << "added " << batch.size() << " demo entries for " << citizens << " citizens\n";
  return Status::Ok();
}

// Demo users, one of each role, in Ballerup (151) and Randers (730), with made-up Danish names;
// password "demo-password".
Status AddDemoUsers(App& app, std::ostream& out) {
  struct U { const char* name; const char* role; const char* municipality; const char* full_name; };
  const U users[] = {{"sagsbehandler", "caseworker", "151", "Mette Kjær Andersen"},
                     {"leder", "leader", "151", "Søren Holm Nielsen"},
                     {"bostotte", "worker", "151", "Fatima El-Amin"},
                     {"boliganviser", "housing", "151", "Jens Ørsted Larsen"},
                     {"randers", "caseworker", "730", "Louise Bækgaard"},
                     {"rejsehold", "national", "", "Anne-Marie Thomsen"},
                     {"admin", "admin", "", "Lars Vestergaard"}};
  for (const U& u : users) {
    Status s = AddUser(app, CliPrincipal(), {u.name, u.role, u.municipality, "demo-password", u.full_name});
    if (!s.ok() && s.code() != StatusCode::kAlreadyExists) return s;
  }
  out << "demo users (password demo-password): sagsbehandler, leder, bostotte, boliganviser, randers, rejsehold, admin\n";
  return Status::Ok();
}

std::string TodayUtc(const App& app) { return app.Now().date().ToString(); }

}  // namespace tov::cli
