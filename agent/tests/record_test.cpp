#include "record/record.h"
#include "record/raw_body.h"
#include "record/record_path.h"

#include <gtest/gtest.h>

#include <cstdio>
#include <random>
#include <thread>
#include <vector>

namespace mlobs::agent {
namespace {

Record parsed(std::string_view kind, std::string_view json) {
  Record r;
  Status s = parse_record(kind, json, &r);
  EXPECT_TRUE(s.ok()) << s.message();
  return r;
}

TEST(Record, ParsesAWholeRecordWithItsEnvelope) {
  Record r = parsed("", R"({"kind":"serving_window","id":"x","source":"s","body":{"a":1}})");
  EXPECT_EQ(r.kind, "serving_window");
  EXPECT_EQ(r.id, "x");
  EXPECT_EQ(r.source, "s");
  EXPECT_EQ(r.body()["a"].GetInt(), 1);
}

TEST(Record, ParsesABareBodyForAGivenKind) {
  Record r = parsed("app_event", R"({"stage":"train"})");
  EXPECT_EQ(r.kind, "app_event");
  EXPECT_STREQ(r.body()["stage"].GetString(), "train");
}

TEST(Record, RejectsBadInputWithAReason) {
  Record r;
  Status s = parse_record("", R"({"kind":"x","body":{)", &r);
  EXPECT_EQ(s.code(), MLOBS_INVALID_ARGUMENT);
  EXPECT_NE(s.message().find("invalid JSON"), std::string::npos);
  EXPECT_FALSE(parse_record("", R"({"body":{}})", &r).ok()) << "kind is required";
  EXPECT_FALSE(parse_record("", R"({"kind":"x","body":[]})", &r).ok()) << "body must be an object";
  EXPECT_FALSE(parse_record("k", R"([1,2])", &r).ok());
  EXPECT_FALSE(parse_record("k", R"({"a":1} trailing)", &r).ok());
}

TEST(Record, SerialisesTheEnvelopeAndBodyAndRoundTrips) {
  Record r = parsed("", R"({"kind":"k","id":"i","request_id":"q","body":{"s":"a\"b","n":[1,2.5]}})");
  const std::string json = r.to_json();
  Record again = parsed("", json);
  EXPECT_EQ(again.to_json(), json);
  EXPECT_NE(json.find(R"("s":"a\"b")"), std::string::npos);
}

// Envelope strings are checked eight bytes at a time for what JSON escapes: put each such
// character at every position of a string two words long, and other bytes (UTF-8, DEL) that
// must pass as they are.
TEST(Record, EnvelopeStringsAreEscapedWhereverTheCharacterSits) {
  for (const char special : {'"', '\\', '\n', '\x01', '\x1f', '\x7f', '\xc3'}) {
    for (size_t at = 0; at < 19; ++at) {
      Record r;
      r.kind = "k";
      r.id = std::string(19, 'a');
      r.id[at] = special;
      JsonDocument doc;
      doc.Parse(r.to_json());
      ASSERT_FALSE(doc.HasParseError()) << r.to_json();
      ASSERT_EQ(std::string(doc["id"].GetString(), doc["id"].GetStringLength()), r.id)
          << static_cast<int>(special) << " at " << at;
    }
  }
}

TEST(Record, ABareBodyStaysTextUntilSomethingReadsIt) {
  Record r = parsed("k", R"({"a": {"b": [1, 2]}, "s": "x"})");
  EXPECT_TRUE(r.body_is_raw());
  EXPECT_NE(r.to_json().find(R"("body":{"a": {"b": [1, 2]}, "s": "x"})"), std::string::npos)
      << "passed through as it came: " << r.to_json();
  Record copy(r);
  EXPECT_EQ(copy.body()["a"]["b"][1].GetInt(), 2);
  EXPECT_FALSE(copy.body_is_raw());
  EXPECT_TRUE(r.body_is_raw()) << "the original is untouched by reading the copy";
  EXPECT_NE(copy.to_json().find(R"("body":{"a":{"b":[1,2]},"s":"x"})"), std::string::npos);
}

TEST(RecordPath, TopLevelReadsOfATextBodyDoNotBuildIt) {
  Record r = parsed("k", R"({"n": 42, "d": 2.5, "s": "a\"b\u00e9", "t": true, "z": null, "o": {"x": 1}})");
  EXPECT_EQ(find_path(r, "body.n").value->GetInt(), 42);
  EXPECT_DOUBLE_EQ(find_path(r, "body.d").value->GetDouble(), 2.5);
  EXPECT_EQ(std::string(find_path(r, "body.s").value->GetString()), "a\"b\xc3\xa9");
  EXPECT_TRUE(find_path(r, "body.t").value->GetBool());
  EXPECT_TRUE(find_path(r, "body.z").value->IsNull());
  EXPECT_EQ(find_path(r, "body.missing").value, nullptr);
  EXPECT_TRUE(r.body_is_raw()) << "scalar reads keep the text";
  EXPECT_EQ(find_path(r, "body.o.x").value->GetInt(), 1);
  EXPECT_TRUE(r.body_is_raw()) << "a nested read builds a value but keeps the text";
  EXPECT_EQ(find_path(r, "body.n").value->GetInt(), 42);
  r.body()["n"].SetInt(7);
  EXPECT_FALSE(r.body_is_raw()) << "a change makes the built value the record's own";
  EXPECT_EQ(find_path(r, "body.n").value->GetInt(), 7);
  EXPECT_EQ(find_path(r, "body.o.x").value->GetInt(), 1);
}

TEST(Record, CopiesAreDeep) {
  Record r = parsed("k", R"({"a":{"b":1}})");
  Record copy(r);
  copy.body()["a"]["b"].SetInt(2);
  EXPECT_EQ(r.body()["a"]["b"].GetInt(), 1);
}

TEST(RawBody, IndexesEveryTopLevelMemberAndTheFirstOfARepeatedName) {
  std::string json = "{";
  for (int i = 0; i < 100; ++i) json += "\"field_" + std::to_string(i) + "\":" + std::to_string(i) + ",";
  json += "\"field_7\":-1}";
  Status error;
  auto body = RawBody::parse(json, &error);
  ASSERT_TRUE(body) << error.message();
  EXPECT_EQ(body->size(), 101u);
  for (int i = 0; i < 100; ++i) {
    const Json* v = nullptr;
    ASSERT_EQ(body->find("field_" + std::to_string(i), &v), RawBody::Lookup::kFound) << i;
    EXPECT_EQ(v->GetInt(), i);
  }
  const Json* v = nullptr;
  EXPECT_EQ(body->find("field_100", &v), RawBody::Lookup::kAbsent);
  EXPECT_EQ(body->find("", &v), RawBody::Lookup::kAbsent);
}

TEST(RawBody, BodiesWithTheSameNamesShareOneNameTable) {
  Status error;
  auto first = RawBody::parse(R"({"a":1,"bb":"x","c":[1]})", &error);
  auto second = RawBody::parse(R"({"a":2,"bb":"y","c":{}})", &error);
  auto other = RawBody::parse(R"({"a":3,"bc":"z","c":null})", &error);
  ASSERT_TRUE(first && second && other) << error.message();
  EXPECT_EQ(first->name(1).data(), second->name(1).data()) << "one table for both";
  EXPECT_EQ(other->name(1), "bc");
  const Json* v = nullptr;
  ASSERT_EQ(second->find("bb", &v), RawBody::Lookup::kFound);
  EXPECT_STREQ(v->GetString(), "y");
  EXPECT_EQ(other->find("bb", &v), RawBody::Lookup::kAbsent);
  EXPECT_EQ(other->find("c", &v), RawBody::Lookup::kFound);
  EXPECT_TRUE(v->IsNull());
  EXPECT_EQ(first->find("c", &v), RawBody::Lookup::kNeedsDom);
}

// "name:type:value" of every member, or the error: what a reading of `json` gives readers.
std::string reading(const RawBodyRef& body, const Status& error) {
  if (!body) return "error: " + error.message();
  std::string out;
  for (size_t i = 0; i < body->size(); ++i) {
    const Json* v = &body->value(i);
    out += std::string(body->name(i)) + ":";
    if (body->type(i) != value_type(*v)) {
      out += "type " + std::to_string(body->type(i)) + " ";
      continue;
    }
    out += std::to_string(value_type(*v)) + ":";
    if (v->IsString()) out += std::string(v->GetString(), v->GetStringLength());
    if (v->IsBool()) out += v->GetBool() ? "true" : "false";
    if (v->IsInt64()) out += std::to_string(v->GetInt64());
    if (v->IsUint64() && !v->IsInt64()) out += std::to_string(v->GetUint64());
    if (v->IsDouble()) {
      // 15 digits: RapidJSON's quick number reading may differ from a correctly rounded one in
      // the last bit (its full-precision mode trips UndefinedBehaviorSanitizer on some input).
      char buf[40];
      std::snprintf(buf, sizeof(buf), "%.15g", v->GetDouble());
      out += buf;
    }
    out += " ";
  }
  return out;
}

// Every text is read by simdjson first, and by RapidJSON where simdjson gives up; readers must
// not be able to tell which: the same members, types and values, or the same error.
TEST(RawBody, TheFastReadingAgreesWithTheReferenceOnEveryMutation) {
  const std::string base =
      R"({"s":"a\"b\u00e9\ud83d\ude00","i":-42,"u":18446744073709551615,"d":0.1,"e":1e-7,)"
      R"("t":true,"f":false,"n":null,"o":{"x":[1,{"y":2}]},"a":[],"s":"repeat","k\n":"\t"})";
  const std::string alphabet = "{}[]\",:0123456789-.eE+ tfnul\\\x01\xff\xc3\xa9Z";
  std::mt19937 rng(20261124);
  int agreed_valid = 0;
  for (int i = 0; i < 4000; ++i) {
    std::string text = base;
    for (int e = 0, edits = static_cast<int>(rng() % 4); e < edits; ++e) {
      const size_t at = rng() % text.size();
      switch (rng() % 3) {
        case 0: text[at] = alphabet[rng() % alphabet.size()]; break;
        case 1: text.erase(at, 1 + rng() % 6); break;
        default: text.insert(at, 1, alphabet[rng() % alphabet.size()]); break;
      }
    }
    Status fast_error, reference_error;
    const auto fast = RawBody::parse(text, &fast_error);
    const auto reference = RawBody::parse_reference(text, &reference_error);
    ASSERT_EQ(reading(fast, fast_error), reading(reference, reference_error)) << text;
    if (fast) ++agreed_valid;
  }
  EXPECT_GT(agreed_valid, 100) << "the mutations must leave many texts valid";
  // What simdjson reads differently, RapidJSON decides: -0 is an integer, a too large integer a
  // double, invalid UTF-8 is let through.
  for (const char* text : {R"({"z":-0})", R"({"z":-0.0})", R"({"b":123456789012345678901234})",
                           "{\"s\":\"\xff\"}"}) {
    Status fast_error, reference_error;
    EXPECT_EQ(reading(RawBody::parse(text, &fast_error), fast_error),
              reading(RawBody::parse_reference(text, &reference_error), reference_error))
        << text;
  }
  Status error;
  EXPECT_EQ(reading(RawBody::parse(R"({"z":-0})", &error), error), "z:3:0 ");
}

TEST(RawBody, BothReadingsRefuseTextThatIsNotUtf8) {
  Status error;
  EXPECT_TRUE(RawBody::parse("{\"a\":\"caf\xc3\xa9\"}", &error)) << error.message();
  for (const char* bad : {"{\"a\":\"\xff\"}", "{\"a\":\"\xc3\"}", "{\"\xed\xa0\x80\":1}"}) {
    EXPECT_FALSE(RawBody::parse(bad, &error)) << bad;
    EXPECT_FALSE(RawBody::parse_reference(bad, &error)) << bad;
    Record r;
    EXPECT_FALSE(parse_record("", std::string(R"({"kind":"k","body":)") + bad + "}", &r).ok());
  }
}

TEST(RawBody, RefusesWhatIsNotExactlyOneObject) {
  Status error;
  EXPECT_FALSE(RawBody::parse("[1]", &error));
  EXPECT_NE(error.message().find("JSON object"), std::string::npos) << error.message();
  EXPECT_FALSE(RawBody::parse(R"({"a":1} {"b":2})", &error));
  EXPECT_NE(error.message().find("offset"), std::string::npos) << error.message();
  EXPECT_FALSE(RawBody::parse(std::string_view("{\"a\":1}\0{", 9), &error));
  EXPECT_NE(error.message().find("NUL"), std::string::npos) << error.message();
}

TEST(Record, CopiesShareTheBodyTextUntilOneOfThemChangesIt) {
  Record r = parsed("k", R"({"n":1,"s":"x"})");
  Record copy(r);
  EXPECT_EQ(copy.raw_body(), r.raw_body()) << "one text for both";
  copy.body()["n"].SetInt(2);
  EXPECT_EQ(copy.body()["n"].GetInt(), 2);
  bool needs_body = false;
  EXPECT_EQ(r.find_raw_member("n", &needs_body)->GetInt(), 1) << "the original keeps its value";
  EXPECT_NE(r.to_json().find(R"("body":{"n":1,"s":"x"})"), std::string::npos) << r.to_json();
}

TEST(Record, ThreadsReadingOneRecordAgreeOnOneBuiltBody) {
  const Record r = parsed("k", R"({"o":{"x":[1,2,3]},"s":"t"})");
  std::vector<const Json*> seen(4, nullptr);
  std::vector<std::thread> readers;
  for (size_t i = 0; i < seen.size(); ++i) {
    readers.emplace_back([&, i] { seen[i] = &r.body()["o"]["x"][2]; });
  }
  for (auto& t : readers) t.join();
  for (const Json* v : seen) {
    EXPECT_EQ(v, seen[0]) << "one body, built once and shared";
    EXPECT_EQ(v->GetInt(), 3);
  }
}

TEST(RecordPath, FindsEnvelopeBodyAndArrayElements) {
  Record r = parsed("k", R"({"m":{"rmse":0.5},"results":[{"check":"c0"},{"check":"c1"}]})");
  EXPECT_EQ(find_path(r, "kind").envelope, &r.kind);
  EXPECT_DOUBLE_EQ(find_path(r, "body.m.rmse").value->GetDouble(), 0.5);
  EXPECT_STREQ(find_path(r, "body.results.1.check").value->GetString(), "c1");
  EXPECT_EQ(find_path(r, "body.results.2.check").value, nullptr);
  EXPECT_EQ(find_path(r, "body.m.none").value, nullptr);
  EXPECT_EQ(find_path(r, "nope").envelope, nullptr);
  EXPECT_TRUE(find_path(r, "").whole_record);
}

TEST(RecordPath, MakeCreatesIntermediateObjectsButNotThroughScalars) {
  Record r = parsed("k", R"({"n":1})");
  PathTarget t;
  ASSERT_TRUE(make_path(&r, "body.a.b.c", &t).ok());
  t.value->SetInt(7);
  EXPECT_EQ(r.body()["a"]["b"]["c"].GetInt(), 7);
  EXPECT_EQ(make_path(&r, "body.n.x", &t).code(), MLOBS_FAILED_PRECONDITION);
  EXPECT_FALSE(make_path(&r, "", &t).ok());
  EXPECT_FALSE(make_path(&r, "unknown_envelope", &t).ok());
}

TEST(RecordPath, RemoveDeletesMembersAndArrayElements) {
  Record r = parsed("k", R"({"a":1,"l":[1,2,3]})");
  EXPECT_TRUE(remove_path(&r, "body.a").ok());
  EXPECT_FALSE(r.body().HasMember("a"));
  EXPECT_TRUE(remove_path(&r, "body.l.0").ok());
  EXPECT_EQ(r.body()["l"].Size(), 2u);
  EXPECT_EQ(remove_path(&r, "body.a").code(), MLOBS_NOT_FOUND);
}

TEST(Rfc3339, FormatsUtcWithMilliseconds) {
  EXPECT_EQ(format_rfc3339(1775556000123000000LL), "2026-04-07T10:00:00.123Z");
  EXPECT_EQ(format_rfc3339(0), "1970-01-01T00:00:00.000Z");
  EXPECT_EQ(format_rfc3339(1709164799999000000LL), "2024-02-28T23:59:59.999Z");
  EXPECT_EQ(format_rfc3339(1709164800000000000LL), "2024-02-29T00:00:00.000Z");
  EXPECT_EQ(format_rfc3339(951782400000000000LL), "2000-02-29T00:00:00.000Z");
  EXPECT_EQ(format_rfc3339(-1000000LL), "1969-12-31T23:59:59.999Z");
}

}  // namespace
}  // namespace mlobs::agent
