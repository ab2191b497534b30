#include "config/units.h"

#include <array>
#include <cctype>

namespace mlobs::agent {
namespace {

bool is_digit(char c) { return c >= '0' && c <= '9'; }

// Reads the leading digits of `text` into `value`; false on no digits or overflow.
bool take_number(std::string_view* text, int64_t* value) {
  size_t i = 0;
  int64_t v = 0;
  while (i < text->size() && is_digit((*text)[i])) {
    if (__builtin_mul_overflow(v, int64_t{10}, &v) ||
        __builtin_add_overflow(v, int64_t{(*text)[i] - '0'}, &v)) {
      return false;
    }
    ++i;
  }
  if (i == 0) return false;
  *value = v;
  text->remove_prefix(i);
  return true;
}

bool iequals(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (size_t i = 0; i < a.size(); ++i) {
    if (std::tolower(static_cast<unsigned char>(a[i])) !=
        std::tolower(static_cast<unsigned char>(b[i]))) {
      return false;
    }
  }
  return true;
}

struct Unit {
  std::string_view suffix;
  int64_t factor;
};

// Longest suffixes first so "ms" is not read as "m" followed by garbage.
constexpr std::array<Unit, 5> kDurationUnits = {{
    {"ms", 1},
    {"d", 86'400'000},
    {"h", 3'600'000},
    {"m", 60'000},
    {"s", 1'000},
}};

constexpr std::array<Unit, 9> kSizeUnits = {{
    {"B", 1},
    {"KiB", int64_t{1} << 10},
    {"MiB", int64_t{1} << 20},
    {"GiB", int64_t{1} << 30},
    {"TiB", int64_t{1} << 40},
    {"KB", 1'000},
    {"MB", 1'000'000},
    {"GB", 1'000'000'000},
    {"TB", 1'000'000'000'000},
}};

}  // namespace

std::optional<int64_t> parse_duration_ms(std::string_view text) {
  int64_t number = 0;
  std::string_view rest = text;
  if (!take_number(&rest, &number)) return std::nullopt;
  // A bare number is seconds, as in most collector configs.
  if (rest.empty()) {
    int64_t ms = 0;
    if (__builtin_mul_overflow(number, int64_t{1000}, &ms)) return std::nullopt;
    return ms;
  }
  int64_t total = 0;
  int64_t previous_factor = INT64_MAX;
  for (;;) {
    const Unit* unit = nullptr;
    for (const Unit& u : kDurationUnits) {
      if (rest.substr(0, u.suffix.size()) == u.suffix) {
        unit = &u;
        break;
      }
    }
    // Units must shrink ("1h30m"); "30m1h" or "1h1h" is more likely a typo than intent.
    if (unit == nullptr || unit->factor >= previous_factor) return std::nullopt;
    previous_factor = unit->factor;
    rest.remove_prefix(unit->suffix.size());
    int64_t part = 0;
    if (__builtin_mul_overflow(number, unit->factor, &part) ||
        __builtin_add_overflow(total, part, &total)) {
      return std::nullopt;
    }
    if (rest.empty()) return total;
    if (!take_number(&rest, &number) || rest.empty()) return std::nullopt;
  }
}

std::optional<int64_t> parse_size_bytes(std::string_view text) {
  int64_t number = 0;
  std::string_view rest = text;
  if (!take_number(&rest, &number)) return std::nullopt;
  if (rest.empty()) return number;
  for (const Unit& u : kSizeUnits) {
    if (!iequals(rest, u.suffix)) continue;
    int64_t bytes = 0;
    if (__builtin_mul_overflow(number, u.factor, &bytes)) return std::nullopt;
    return bytes;
  }
  return std::nullopt;
}

}  // namespace mlobs::agent
