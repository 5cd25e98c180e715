// The outreach use cases (DESIGN §10; docs/indicators.md "The outreach report"): the recent
// outreach contacts of the user's municipality, for the night's list on the outreach page. The
// writes (an anonymous registration, a contact, an identification) go through RegisterCitizen and
// RecordEntry (app/citizens.h), as the API's do.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "app/access_policy.h"
#include "app/app.h"

namespace tov {

struct OutreachContactRow {
  Date date;
  std::string citizen;
  std::string shown_as;      // the alias while anonymous on the date, else the name (or key)
  bool anonymous = false;    // anonymous on the contact's date
  bool anonymous_now = false;  // anonymous today: may be identified
  std::optional<std::string> place;
  bool night = false;
  int minutes = 0;
  std::string worker;
};

// Contacts with mode outreach dated in [from, to] of the citizens the user may see in their
// municipality (by the citizen's municipality on the contact's date), newest first; every
// citizen shown is logged as `list` ("outreach"). For the roles that read citizens.
StatusOr<std::vector<OutreachContactRow>> RecentOutreach(App& app, const Principal& p, Date from, Date to);

}  // namespace tov
