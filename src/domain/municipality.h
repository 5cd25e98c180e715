// Reference data: the 98 Danish municipalities (kommuner) and which of them took part in which
// programme of the homelessness strategy. Compiled in from data/*.csv.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace tov {

struct Municipality {
  std::string code;    // 3 digits, e.g. "151"
  std::string name;    // e.g. "Ballerup"
  std::string region;  // e.g. "Hovedstaden"
};

struct Participation {
  std::string code;
  std::string municipality;
  std::string programme;  // e.g. "implementation", "youth"
  std::string period;
  std::string methods;
};

const std::vector<Municipality>& AllMunicipalities();
const Municipality* FindMunicipality(std::string_view code);  // nullptr when unknown
const std::vector<Participation>& AllParticipation();
// Codes of the municipalities in `programme`, in file order, without duplicates.
std::vector<std::string> ParticipantCodes(std::string_view programme);

// Splits one CSV line (RFC 4180 quoting, no embedded newlines) into fields.
std::vector<std::string> SplitCsvLine(std::string_view line);

}  // namespace tov
