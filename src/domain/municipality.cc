// Parses the compiled-in reference CSVs once, on first use.
#include "domain/municipality.h"

#include <algorithm>

namespace tov {
namespace reference {
extern const std::string_view kMunicipalitiesCsv;
extern const std::string_view kParticipationCsv;
}  // namespace reference

std::vector<std::string> SplitCsvLine(std::string_view line) {
  std::vector<std::string> out(1);
  bool quoted = false;
  for (size_t i = 0; i < line.size(); ++i) {
    char c = line[i];
    if (quoted) {
      if (c == '"' && i + 1 < line.size() && line[i + 1] == '"') {
        out.back() += '"';
        ++i;
      } else if (c == '"') {
        quoted = false;
      } else {
        out.back() += c;
      }
    } else if (c == '"') {
      quoted = true;
    } else if (c == ',') {
      out.emplace_back();
    } else if (c != '\r') {
      out.back() += c;
    }
  }
  return out;
}

namespace {

std::vector<std::vector<std::string>> Rows(std::string_view csv) {
  std::vector<std::vector<std::string>> rows;
  bool header = true;
  while (!csv.empty()) {
    size_t nl = csv.find('\n');
    std::string_view line = csv.substr(0, nl);
    csv = nl == std::string_view::npos ? std::string_view() : csv.substr(nl + 1);
    if (line.empty() || line == "\r") continue;
    if (header) {
      header = false;
      continue;
    }
    rows.push_back(SplitCsvLine(line));
  }
  return rows;
}

}  // namespace

const std::vector<Municipality>& AllMunicipalities() {
  static const std::vector<Municipality> all = [] {
    std::vector<Municipality> v;
    for (auto& r : Rows(reference::kMunicipalitiesCsv)) {
      if (r.size() < 3) continue;
      v.push_back({r[0], r[1], r[2]});
    }
    std::sort(v.begin(), v.end(), [](auto& a, auto& b) { return a.code < b.code; });
    return v;
  }();
  return all;
}

const Municipality* FindMunicipality(std::string_view code) {
  const auto& all = AllMunicipalities();
  auto it = std::lower_bound(all.begin(), all.end(), code,
                             [](const Municipality& m, std::string_view c) { return m.code < c; });
  return it != all.end() && it->code == code ? &*it : nullptr;
}

const std::vector<Participation>& AllParticipation() {
  static const std::vector<Participation> all = [] {
    std::vector<Participation> v;
    for (auto& r : Rows(reference::kParticipationCsv)) {
      r.resize(5);
      v.push_back({r[0], r[1], r[2], r[3], r[4]});
    }
    return v;
  }();
  return all;
}

std::vector<std::string> ParticipantCodes(std::string_view programme) {
  std::vector<std::string> out;
  for (const auto& p : AllParticipation())
    if (p.programme == programme && std::find(out.begin(), out.end(), p.code) == out.end())
      out.push_back(p.code);
  return out;
}

}  // namespace tov
