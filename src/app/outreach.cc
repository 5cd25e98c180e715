// The outreach use cases: the recent outreach contacts of a municipality.
#include "app/outreach.h"

#include <algorithm>
#include <set>

#include "app/audit.h"

namespace tov {

StatusOr<std::vector<OutreachContactRow>> RecentOutreach(App& app, const Principal& p, Date from, Date to) {
  if (!Allowed(p.role, Permission::kReadCitizens) || p.municipality.empty())
    return Status::PermissionDenied("the outreach contacts are for a municipality's caseworkers");
  const Date today = app.Now().date();
  std::vector<OutreachContactRow> rows = app.Read([&](const Journal& j) {
    std::vector<OutreachContactRow> out;
    for (const std::string& key : j.citizens()) {
      const auto& entries = j.EntriesOf(key);
      bool any = std::any_of(entries.begin(), entries.end(), [&](const Entry* e) {
        const auto* k = e->As<Contact>();
        return k && k->mode == ContactMode::kOutreach && e->date >= from && e->date <= to;
      });
      if (!any) continue;
      CitizenCourse scratch;
      const CitizenCourse& c = j.CourseAt(key, Timestamp::Max(), scratch);
      if (!MaySeeCitizen(p, c, today)) continue;
      for (const Entry* e : c.entries) {
        const auto* k = e->As<Contact>();
        if (!k || k->mode != ContactMode::kOutreach || e->date < from || e->date > to) continue;
        if (c.MunicipalityOn(e->date) != p.municipality) continue;
        OutreachContactRow row;
        row.date = e->date;
        row.citizen = key;
        row.anonymous = c.AnonymousOn(e->date);
        row.anonymous_now = c.AnonymousOn(today);
        row.shown_as = row.anonymous ? c.alias.value_or(key) : c.name.value_or(key);
        row.place = k->place;
        row.night = k->night.value_or(false);
        row.minutes = k->minutes;
        row.worker = k->worker;
        out.push_back(std::move(row));
      }
    }
    return out;
  });
  std::stable_sort(rows.begin(), rows.end(), [](const OutreachContactRow& a, const OutreachContactRow& b) {
    return a.date != b.date ? a.date > b.date : a.citizen < b.citizen;
  });
  std::set<std::string> named;
  std::vector<AccessRecord> log;
  for (const auto& r : rows)
    if (named.insert(r.citizen).second) log.push_back(AuditRecord(app, p, r.citizen, AccessAction::kList, "outreach"));
  if (!log.empty()) RETURN_IF_ERROR(app.LogAccess(std::move(log)));
  return rows;
}

}  // namespace tov
