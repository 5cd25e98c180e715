// The leader's tools on the real server (issue 14, item 6): the settings page changes the
// municipality's thresholds through the form (CSRF, all or nothing, logged) and the alerts follow
// at once; the report page takes "as known at" and downloads CSV with the same figures as the CLI's.
#include <sstream>

#include "api_test_util.h"
#include "app/administration.h"
#include "app/reports.h"

namespace tov::apitest {
namespace {

// 151-0001 is 25 and in a shelter (youth_in_shelter under 30); 151-0002 is registered on 1 October
// and has had no action plan (no_action_plan after 30 days: not yet on 31 October).
std::string Seed() {
  return R"({"citizen":"151-0001","municipality":"151","kind":"registered","date":"2024-09-01","recorded":"2024-09-01T08:00:00Z","cpr":"010199-1234","name":"Ida Testesen","referred_by":"shelter"}
{"citizen":"151-0001","municipality":"151","kind":"housing","date":"2024-09-01","recorded":"2024-09-01T09:00:00Z","situation":"shelter","ready_for_housing":false}
{"citizen":"151-0001","municipality":"151","kind":"action_plan","date":"2024-09-05","recorded":"2024-09-05T09:00:00Z","status":"offered"}
{"citizen":"151-0002","municipality":"151","kind":"registered","date":"2024-10-10","recorded":"2024-10-10T08:00:00Z","birth_date":"1970-05-05","referred_by":"self"}
{"citizen":"151-0002","municipality":"151","kind":"housing","date":"2024-10-10","recorded":"2024-10-10T09:00:00Z","situation":"friends_family"}
{"citizen":"151-0001","municipality":"151","kind":"course_started","date":"2024-09-10","recorded":"2024-09-10T09:00:00Z","course":"151-0001-cti","method":"CTI","worker":"w151-a"}
{"citizen":"151-0002","municipality":"151","kind":"course_started","date":"2024-10-12","recorded":"2024-10-12T09:00:00Z","course":"151-0002-cti","method":"CTI","worker":"w151-a"}
{"citizen":"730-0001","municipality":"730","kind":"registered","date":"2024-09-01","recorded":"2024-09-01T08:00:00Z","birth_date":"1960-03-03","referred_by":"self"}
{"citizen":"730-0001","municipality":"730","kind":"housing","date":"2024-09-01","recorded":"2024-09-01T09:00:00Z","situation":"street"}
{"citizen":"151-0003","municipality":"151","kind":"registered","date":"2024-10-20","recorded":"2024-10-30T08:00:00Z","birth_date":"1980-02-02","referred_by":"self"}
)";
}

// The value of the input called `name` in a page, or "(none)".
std::string InputValue(const std::string& body, const std::string& name) {
  size_t at = body.find("name=\"" + name + "\"");
  if (at == std::string::npos) return "(none)";
  size_t end = body.find('>', at);
  size_t v = body.find("value=\"", at);
  if (v == std::string::npos || v > end) return "(none)";
  v += 7;
  return body.substr(v, body.find('"', v) - v);
}

class LeaderPages : public ::testing::Test {
 protected:
  void SetUp() override {
    server_ = ApiServer::Start({{"lead151", "leader", "151"}, {"cw151", "caseworker", "151"}, {"lead730", "leader", "730"},
                                {"nat", "national", ""}, {"w151-a", "worker", "151", "Fatima El-Amin"}},
                               Seed(), {}, nullptr, *ParseTimestamp("2024-10-31T12:00:00Z"));
    ASSERT_NE(server_, nullptr);
  }
  Reply Form(const Session& s, const std::string& path, const std::string& fields) {
    return server_->Call("POST", path, "csrf_token=" + UrlEncode(s.csrf) + "&" + fields, &s, false,
                         {{"Content-Type", "application/x-www-form-urlencoded"}});
  }
  // The rules of the municipality's alerts as of the server's today, through the API.
  std::string Rules(const Session& s) {
    Reply r = server_->Get("/api/v1/alerts?as_of=2024-10-31", &s);
    EXPECT_EQ(r.status, 200) << r.body;
    std::string rules;
    const nlohmann::json j = nlohmann::json::parse(r.body);
    for (const auto& a : j["alerts"])
      rules += a["rule"].get<std::string>() + ":" + a["citizen"].get<std::string>() + " ";
    return rules;
  }
  std::unique_ptr<ApiServer> server_;
};

TEST_F(LeaderPages, ALeaderChangesAThresholdAndTheAlertsFollow) {
  Session lead = server_->Login("lead151");
  EXPECT_EQ(Rules(lead), "youth_in_shelter:151-0001 ");
  Reply page = server_->Get("/indstillinger", &lead);
  ASSERT_EQ(page.status, 200) << page.body.substr(0, 400);
  EXPECT_NE(page.body.find("Indstillinger for Ballerup"), std::string::npos);
  EXPECT_NE(page.body.find("name=\"youth_age\""), std::string::npos);
  EXPECT_NE(page.body.find("Standard: 30."), std::string::npos);
  // Every setting of the thresholds is on the page, each once.
  for (const std::string& key : report::ThresholdKeys()) {
    size_t at = page.body.find("name=\"" + key + "\"");
    EXPECT_NE(at, std::string::npos) << key;
    EXPECT_EQ(page.body.find("name=\"" + key + "\"", at + 1), std::string::npos) << key;
  }

  // Under 25 instead of under 30, and an action plan within 10 days instead of 30: 151-0001 (25)
  // leaves the youth rule, 151-0002 (21 days without a plan) enters the plan rule.
  Reply saved = Form(lead, "/indstillinger", "youth_age=25&action_plan_days=10&shelter_months=6");
  ASSERT_EQ(saved.status, 303) << saved.body.substr(0, 400);
  EXPECT_EQ(saved.Header("Location"), "/indstillinger?gemt=2");
  EXPECT_EQ(Rules(lead), "no_action_plan:151-0002 ");
  Reply after = server_->Get("/indstillinger?gemt=2", &lead);
  EXPECT_NE(after.body.find("Gemt"), std::string::npos);
  EXPECT_EQ(InputValue(after.body, "youth_age"), "25");
  EXPECT_EQ(InputValue(after.body, "action_plan_days"), "10");
  EXPECT_EQ(InputValue(after.body, "shelter_months"), "6");

  // Each change is in the administrative log with its old and new value.
  auto log = ReadAdminLog(server_->app(), Principal::Operator("test"));
  ASSERT_TRUE(log.ok());
  std::string details;
  for (const AccessRecord& r : *log) details += r.detail + "|";
  EXPECT_NE(details.find("151 youth_age: (default) -> 25"), std::string::npos) << details;
  EXPECT_NE(details.find("151 action_plan_days: (default) -> 10"), std::string::npos) << details;
  EXPECT_EQ(details.find("shelter_months"), std::string::npos) << details;  // unchanged: not stored

  // Another municipality keeps the defaults.
  Session other = server_->Login("lead730");
  EXPECT_EQ(InputValue(server_->Get("/indstillinger", &other).body, "youth_age"), "30");
}

TEST_F(LeaderPages, ABadValueShowsADanishErrorAndChangesNothing) {
  Session lead = server_->Login("lead151");
  Reply bad = Form(lead, "/indstillinger", "youth_age=25&action_plan_days=900");
  EXPECT_EQ(bad.status, 422);
  EXPECT_NE(bad.body.find("error-summary"), std::string::npos);
  EXPECT_EQ(InputValue(bad.body, "action_plan_days"), "900");  // what was typed stays
  EXPECT_EQ(InputValue(bad.body, "youth_age"), "25");
  EXPECT_EQ(Rules(lead), "youth_in_shelter:151-0001 ");           // neither value stored
  // Without the form's token nothing is stored either.
  Reply forged = server_->Call("POST", "/indstillinger", "youth_age=20", &lead, false,
                               {{"Content-Type", "application/x-www-form-urlencoded"}});
  EXPECT_EQ(forged.status, 403);
  EXPECT_EQ(Rules(lead), "youth_in_shelter:151-0001 ");
}

TEST_F(LeaderPages, OnlyLeadersHaveTheSettingsPage) {
  Session cw = server_->Login("cw151");
  EXPECT_EQ(server_->Get("/indstillinger", &cw).status, 403);
  EXPECT_EQ(Form(cw, "/indstillinger", "youth_age=20").status, 403);
  EXPECT_EQ(server_->Get("/", &cw).body.find("href=\"/indstillinger\""), std::string::npos);
  Session lead = server_->Login("lead151");
  EXPECT_NE(server_->Get("/", &lead).body.find("href=\"/indstillinger\""), std::string::npos);
}

TEST_F(LeaderPages, TheReportPageAsKnownAtAndItsCsv) {
  Session lead = server_->Login("lead151");
  // 151-0003 was registered on 20 October but recorded on 30 October: known at the 25th, the
  // report has two citizens; now it has three.
  Reply now = server_->Get("/rapporter?as_of=2024-10-31", &lead);
  ASSERT_EQ(now.status, 200);
  EXPECT_NE(now.body.find("name=\"known_at\""), std::string::npos);
  auto csv_of = [&](const std::string& query) {
    Reply r = server_->Get("/rapporter/status.csv?" + query, &lead);
    EXPECT_EQ(r.status, 200) << r.body.substr(0, 300);
    EXPECT_EQ(r.Header("Content-Type"), "text/csv; charset=utf-8");
    EXPECT_EQ(r.Header("Content-Disposition"), "attachment; filename=\"statusrapport-151-2024-10-31.csv\"");
    return r.body;
  };
  StatusQuery q{*ParseDate("2024-10-31"), std::nullopt, "151", false};
  auto expected_now = MakeStatusReport(server_->app(), Principal::Operator("test"), q, ReportFormat::kCsv);
  ASSERT_TRUE(expected_now.ok());
  EXPECT_EQ(csv_of("as_of=2024-10-31&municipality=151"), expected_now->rendered);
  q.known_at = *ParseTimestamp("2024-10-25", true);
  auto expected_then = MakeStatusReport(server_->app(), Principal::Operator("test"), q, ReportFormat::kCsv);
  ASSERT_TRUE(expected_then.ok());
  EXPECT_NE(expected_then->rendered, expected_now->rendered);
  EXPECT_EQ(csv_of("as_of=2024-10-31&municipality=151&known_at=2024-10-25"), expected_then->rendered);
  // The page links its CSV with the same parameters.
  Reply then = server_->Get("/rapporter?as_of=2024-10-31&known_at=2024-10-25", &lead);
  EXPECT_NE(then.body.find("/rapporter/status.csv?as_of=2024-10-31&amp;municipality=151&amp;known_at=2024-10-25"), std::string::npos);
  // A bad date is a Danish error beside the field; another municipality is refused.
  EXPECT_EQ(server_->Get("/rapporter?as_of=2024-10-31&known_at=25-10", &lead).status, 422);
  EXPECT_EQ(server_->Get("/rapporter/status.csv?as_of=2024-10-31&municipality=730", &lead).status, 403);
}

TEST_F(LeaderPages, TheLeadersFrontPageShowsTheStaffsCaseloadAgainstTheNorms) {
  Session lead = server_->Login("lead151");
  Reply home = server_->Get("/", &lead);
  ASSERT_EQ(home.status, 200);
  size_t row = home.body.find("data-worker=\"w151-a\"");
  ASSERT_NE(row, std::string::npos) << home.body.substr(0, 400);
  // By real name and user name: the worker id is an active colleague's user name.
  EXPECT_NE(home.body.find("data-worker=\"w151-a\"><td>Fatima El-Amin (w151-a)</td>"), std::string::npos);
  EXPECT_EQ(home.body.find("over-norm"), std::string::npos);  // 2 CTI courses, norm 15
  ASSERT_EQ(Form(lead, "/indstillinger", "caseload_norm_cti=1").status, 303);
  home = server_->Get("/", &lead);
  EXPECT_NE(home.body.find("class=\"over-norm\" data-worker=\"w151-a\""), std::string::npos);
  EXPECT_NE(home.body.find("CTI 2 (over normen)"), std::string::npos);
  Session cw = server_->Login("cw151");
  EXPECT_EQ(server_->Get("/", &cw).body.find("staff-caseload"), std::string::npos);  // the leader's
}

TEST_F(LeaderPages, TheCprIsRevealedOnRequestAndTheAccessLogShowsIt) {
  Session cw = server_->Login("cw151");
  Reply page = server_->Get("/borger/151-0001", &cw);
  ASSERT_EQ(page.status, 200);
  EXPECT_NE(page.body.find("010199-xxxx"), std::string::npos);
  EXPECT_EQ(page.body.find("010199-1234"), std::string::npos);
  EXPECT_NE(page.body.find("href=\"/borger/151-0001?vis_cpr=1\""), std::string::npos);
  EXPECT_EQ(page.body.find("/adgangslog"), std::string::npos);  // the access log is the leader's
  Reply revealed = server_->Get("/borger/151-0001?vis_cpr=1", &cw);
  EXPECT_NE(revealed.body.find("010199-1234"), std::string::npos);
  EXPECT_EQ(server_->Get("/adgangslog?borger=151-0001", &cw).status, 403);

  Session lead = server_->Login("lead151");
  Reply leader_page = server_->Get("/borger/151-0001", &lead);
  EXPECT_NE(leader_page.body.find("href=\"/adgangslog?borger=151-0001\""), std::string::npos);
  Reply log = server_->Get("/adgangslog?borger=151-0001", &lead);
  ASSERT_EQ(log.status, 200) << log.body.substr(0, 300);
  // Newest first: the leader's own view, then the caseworker's reveal, then their plain view;
  // times in Danish time (12:00Z on 31 October is 13.00 in Copenhagen, CET).
  size_t leader_read = log.body.find("<td>lead151</td><td>Leder</td><td data-action=\"read\">");
  size_t reveal_at = log.body.find("<td>cw151</td><td>Myndighedssagsbehandler</td><td data-action=\"reveal_cpr\">");
  size_t read_at = log.body.find("<td>cw151</td><td>Myndighedssagsbehandler</td><td data-action=\"read\">");
  ASSERT_NE(leader_read, std::string::npos) << log.body;
  ASSERT_NE(reveal_at, std::string::npos);
  ASSERT_NE(read_at, std::string::npos);
  EXPECT_LT(leader_read, reveal_at);
  EXPECT_LT(reveal_at, read_at);
  EXPECT_NE(log.body.find("31.10.2024 kl. 13.00"), std::string::npos);
  EXPECT_NE(log.body.find("Så det fulde CPR-nummer"), std::string::npos);
  EXPECT_EQ(log.body.find("010199-1234"), std::string::npos);  // the log holds no CPR number
  // The reading is logged itself; another municipality's leader finds no such citizen.
  auto again = ReadAccessLog(server_->app(), Principal::Operator("test"), "151-0001");
  ASSERT_TRUE(again.ok());
  ASSERT_FALSE(again->empty());
  EXPECT_EQ(again->front().action, "read_access_log");
  EXPECT_EQ(again->front().actor, "lead151");
  Session other = server_->Login("lead730");
  EXPECT_EQ(server_->Get("/adgangslog?borger=151-0001", &other).status, 404);
}

// An alert followed up on its page: assigned to a colleague (the dashboard's badge follows),
// commented, acknowledged; a bad assignee is refused in Danish; the history stays.
TEST_F(LeaderPages, AnAlertIsAssignedCommentedAndAcknowledged) {
  Session lead = server_->Login("lead151");
  Reply home = server_->Get("/", &lead);
  EXPECT_NE(home.body.find("data-followup=\"new\" href=\"/opfoelgning?borger=151-0001&amp;regel=youth_in_shelter\""), std::string::npos);
  EXPECT_NE(home.body.find("<span data-state=\"new\">1 nye</span>"), std::string::npos);
  const std::string page = "/opfoelgning?borger=151-0001&regel=youth_in_shelter";
  Reply form = server_->Get(page, &lead);
  ASSERT_EQ(form.status, 200) << form.body.substr(0, 300);
  EXPECT_NE(form.body.find("data-state=\"new\""), std::string::npos);
  EXPECT_NE(form.body.find("<option value=\"cw151\">"), std::string::npos);    // a colleague
  EXPECT_EQ(form.body.find("<option value=\"lead730\""), std::string::npos);  // another municipality's

  // Assigning to someone who is not a colleague here is refused, with the typed text kept.
  Reply bad = Form(lead, page, "action=assigned&assignee=lead730&text=Kan+du+tage+den%3F");
  EXPECT_EQ(bad.status, 422);
  EXPECT_NE(bad.body.find("Skal være en aktiv kollega i kommunen"), std::string::npos);
  EXPECT_NE(bad.body.find("Kan du tage den?"), std::string::npos);
  EXPECT_EQ(Form(lead, page, "action=comment").status, 422);  // a comment needs its text

  Reply assigned = Form(lead, page, "action=assigned&assignee=cw151&text=Kan+du+tage+den%3F");
  ASSERT_EQ(assigned.status, 303) << assigned.body.substr(0, 300);
  home = server_->Get("/", &lead);
  EXPECT_NE(home.body.find("data-followup=\"assigned\""), std::string::npos);
  EXPECT_NE(home.body.find("Tildelt cw151"), std::string::npos);

  Session cw = server_->Login("cw151");
  ASSERT_EQ(Form(cw, page, "action=comment&text=Ringet+til+herberget").status, 303);
  ASSERT_EQ(Form(cw, page, "action=acknowledged").status, 303);
  Reply after = server_->Get(page, &cw);
  EXPECT_NE(after.body.find("data-state=\"acknowledged\""), std::string::npos);
  EXPECT_NE(after.body.find("Kvitteret af cw151"), std::string::npos);
  size_t history = after.body.find("data-testid=\"followup-history\"");
  ASSERT_NE(history, std::string::npos);
  EXPECT_NE(after.body.find("Tildelt en kollega: cw151", history), std::string::npos);
  EXPECT_NE(after.body.find("Ringet til herberget", history), std::string::npos);
  EXPECT_NE(server_->Get("/", &lead).body.find("<span data-state=\"acknowledged\">1 kvitteret</span>"), std::string::npos);

  // The steps are journal entries of the citizen (exported, audited like every entry).
  Reply entries = server_->Get("/api/v1/citizens/151-0001", &lead);
  EXPECT_NE(entries.body.find("\"alert_followup\""), std::string::npos);
  // Another municipality's leader cannot follow up Ballerup's citizen.
  Session other = server_->Login("lead730");
  EXPECT_EQ(server_->Get(page, &other).status, 404);
  EXPECT_NE(Form(other, page, "action=acknowledged").status, 303);
  // An unknown rule is 404; a rule without an alert today says so and has no form.
  EXPECT_EQ(server_->Get("/opfoelgning?borger=151-0001&regel=nope", &lead).status, 404);
  Reply quiet = server_->Get("/opfoelgning?borger=151-0001&regel=street_sleeper", &lead);
  EXPECT_NE(quiet.body.find("Advarslen gælder ikke i dag"), std::string::npos);
  EXPECT_EQ(quiet.body.find("Gem opfølgning"), std::string::npos);
}

// The national report page one section at a time: each exactly as in the whole report.
TEST_F(LeaderPages, TheNationalReportPageShowsOneSectionOfTheWholeReport) {
  Session nat = server_->Login("nat");
  auto whole = MakeStatusReport(server_->app(), Principal{"nat", Role::kNational, ""},
                                {*ParseDate("2024-10-31"), std::nullopt, std::nullopt, true}, ReportFormat::kHtmlBody);
  ASSERT_TRUE(whole.ok());
  auto section_of = [](const std::string& body) {
    size_t from = body.find("<section class=\"municipality\"");
    size_t to = body.find("<footer class=\"about\"", from);
    return from == std::string::npos || to == std::string::npos ? std::string("(none)") : body.substr(from, to - from);
  };
  Reply total = server_->Get("/rapporter?as_of=2024-10-31", &nat);
  ASSERT_EQ(total.status, 200);
  EXPECT_NE(total.body.find("<h2>I alt</h2>"), std::string::npos);
  EXPECT_EQ(total.body.find("<h2>Ballerup Kommune"), std::string::npos);
  EXPECT_NE(total.body.find("href=\"/rapporter?as_of=2024-10-31&amp;municipality=730\""), std::string::npos);
  EXPECT_NE(whole->rendered.find(section_of(total.body)), std::string::npos);
  EXPECT_NE(total.body.find("/rapporter/status.csv?as_of=2024-10-31\""), std::string::npos);  // the whole country's CSV
  for (const char* code : {"151", "730"}) {
    Reply one = server_->Get(std::string("/rapporter?as_of=2024-10-31&municipality=") + code, &nat);
    ASSERT_EQ(one.status, 200);
    const std::string section = section_of(one.body);
    EXPECT_EQ(section.find("<h2>I alt</h2>"), std::string::npos) << code;
    EXPECT_NE(section.find(code), std::string::npos) << code;
    EXPECT_NE(whole->rendered.find(section), std::string::npos) << code << ": the section differs from the whole report's";
  }
}

TEST_F(LeaderPages, TheNationalComparisonOfMunicipalities) {
  Session nat = server_->Login("nat");
  Reply page = server_->Get("/rapporter/sammenligning?as_of=2024-10-31", &nat);
  ASSERT_EQ(page.status, 200) << page.body.substr(0, 300);
  size_t ballerup = page.body.find("<tr data-municipality=\"151\">");
  size_t randers = page.body.find("<tr data-municipality=\"730\">");
  ASSERT_NE(ballerup, std::string::npos);
  ASSERT_NE(randers, std::string::npos);
  // Every count here is 1–4: hidden in the table, never shown as a number.
  EXPECT_NE(page.body.find("<td class=\"text-align-right\" data-figure=\"homeless\"><span class=\"muted\">skjult</span></td>"), std::string::npos);
  EXPECT_EQ(page.body.find("data-figure=\"homeless\">1<"), std::string::npos);
  EXPECT_EQ(page.body.find("data-figure=\"homeless\">2<"), std::string::npos);
  EXPECT_NE(page.body.find("aria-sort=\"descending\"><a href=\"/rapporter/sammenligning?as_of=2024-10-31&amp;sorter=homeless\""), std::string::npos);
  EXPECT_EQ(server_->Get("/rapporter/sammenligning?as_of=2024-10-31&sorter=street_sleepers", &nat).status, 200);
  // One small chart per figure.
  size_t charts = 0;
  for (size_t at = page.body.find("<svg"); at != std::string::npos; at = page.body.find("<svg", at + 1)) ++charts;
  EXPECT_GE(charts, 9u);
  EXPECT_EQ(server_->Get("/rapporter/sammenligning?as_of=nope", &nat).status, 422);
  Session lead = server_->Login("lead151");
  EXPECT_EQ(server_->Get("/rapporter/sammenligning", &lead).status, 403);
}

}  // namespace
}  // namespace tov::apitest
