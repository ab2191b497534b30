#include "support/prom_text.h"

#include <cmath>
#include <cstdlib>
#include <string>

namespace mlobs::integration {
namespace {

// Parses `{a="x",b="y"}` starting at text[*pos] == '{'; leaves *pos after the '}'.
bool parse_labels(std::string_view text, size_t* pos, std::map<std::string, std::string>* out) {
  size_t i = *pos + 1;
  while (i < text.size()) {
    while (i < text.size() && (text[i] == ' ' || text[i] == ',')) ++i;
    if (i < text.size() && text[i] == '}') {
      *pos = i + 1;
      return true;
    }
    const size_t eq = text.find('=', i);
    if (eq == std::string_view::npos || eq + 1 >= text.size() || text[eq + 1] != '"') return false;
    std::string name(text.substr(i, eq - i));
    std::string value;
    i = eq + 2;
    for (; i < text.size() && text[i] != '"'; ++i) {
      if (text[i] == '\\' && i + 1 < text.size()) {
        ++i;
        value += text[i] == 'n' ? '\n' : text[i];
      } else {
        value += text[i];
      }
    }
    if (i >= text.size()) return false;
    ++i;  // the closing quote
    (*out)[std::move(name)] = std::move(value);
  }
  return false;
}

std::optional<double> parse_value(std::string_view text) {
  const std::string s(text);
  if (s == "+Inf") return HUGE_VAL;
  if (s == "-Inf") return -HUGE_VAL;
  if (s == "NaN") return NAN;
  char* end = nullptr;
  const double v = std::strtod(s.c_str(), &end);
  if (end == s.c_str()) return std::nullopt;
  return v;
}

}  // namespace

std::vector<PromSample> parse_prom_text(std::string_view text) {
  std::vector<PromSample> out;
  size_t begin = 0;
  while (begin < text.size()) {
    size_t end = text.find('\n', begin);
    if (end == std::string_view::npos) end = text.size();
    const std::string_view line = text.substr(begin, end - begin);
    begin = end + 1;
    if (line.empty() || line.front() == '#') continue;
    PromSample sample;
    size_t pos = line.find_first_of("{ ");
    if (pos == std::string_view::npos) continue;
    sample.name = std::string(line.substr(0, pos));
    if (line[pos] == '{' && !parse_labels(line, &pos, &sample.labels)) continue;
    while (pos < line.size() && line[pos] == ' ') ++pos;
    const size_t value_end = line.find(' ', pos);  // an optional timestamp follows
    const auto value = parse_value(line.substr(
        pos, value_end == std::string_view::npos ? std::string_view::npos : value_end - pos));
    if (!value) continue;
    sample.value = *value;
    out.push_back(std::move(sample));
  }
  return out;
}

std::optional<double> prom_value(std::string_view text, std::string_view name,
                                 const std::map<std::string, std::string>& labels) {
  std::optional<double> sum;
  for (const PromSample& s : parse_prom_text(text)) {
    if (s.name != name) continue;
    bool match = true;
    for (const auto& [k, v] : labels) {
      auto it = s.labels.find(k);
      if (it == s.labels.end() || it->second != v) match = false;
    }
    if (match) sum = sum.value_or(0) + s.value;
  }
  return sum;
}

}  // namespace mlobs::integration
