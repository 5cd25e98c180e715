// The compact binary form of a journal entry (docs/storage-format.md), which the stores keep
// beside its JSON so that loading a journal is a scan rather than a parse: the JSON stays the
// interchange and export form, the binary form is what a load reads back.
//
// It holds the entry's citizen, dwelling, municipality, date and body, but neither the columns a
// store keeps anyway (id, recorded, by, position) nor a CPR number (a store keeps that
// encrypted, apart). DecodeEntryBinary(EncodeEntryBinary(e)) gives `e` back but for those,
// which the caller puts in.
#pragma once

#include <string>
#include <string_view>

#include "common/status.h"
#include "domain/entry.h"

namespace tov {

// The format's version, its first byte; a reader refuses any other.
inline constexpr uint8_t kEntryBinaryVersion = 1;

// The binary form of `e`, without id, recorded, by, seq and CPR number.
std::string EncodeEntryBinary(const Entry& e);

// The entry `bin` holds, with id, recorded, by and seq left empty and no CPR number;
// kInternal ("is damaged: …") when `bin` is not a whole entry of this version.
StatusOr<Entry> DecodeEntryBinary(std::string_view bin);

}  // namespace tov
