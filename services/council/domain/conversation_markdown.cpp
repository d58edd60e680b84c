// Renders the stored Message shapes (proto/council.openapi.yaml) as Markdown; model output is kept verbatim.
#include "council/domain/conversation_markdown.hpp"
#include "council/text/text.hpp"
#include <boost/json/object.hpp>
#include <cstdio>

namespace council::domain {
namespace json = boost::json;
namespace {

constexpr std::size_t stage1_summary_chars = 280;

/// The string member `name` of `v`, or "" when absent or not a string.
std::string_view string_at(const json::value& v, std::string_view name) {
  const json::object* o = v.if_object();
  const json::value* member = o ? o->if_contains(name) : nullptr;
  return member && member->is_string() ? std::string_view(member->get_string()) : std::string_view();
}

/// The array member `name` of `v`, or nullptr.
const json::array* array_at(const json::value& v, std::string_view name) {
  const json::object* o = v.if_object();
  const json::value* member = o ? o->if_contains(name) : nullptr;
  return member ? member->if_array() : nullptr;
}

/// `s` on one line (a heading or a table cell): line breaks become spaces, '|' is escaped.
std::string one_line(std::string_view s) {
  std::string out;
  for (char ch : s) {
    if (ch == '\n' || ch == '\r') out += ' ';
    else if (ch == '|') out += "\\|";
    else out += ch;
  }
  return out;
}

std::string number_text(const json::value& v) {
  if (v.is_int64()) return std::to_string(v.get_int64());
  if (v.is_uint64()) return std::to_string(v.get_uint64());
  if (!v.is_double()) return "";
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.2f", v.get_double());
  return buf;
}

void add_stage1(std::string& out, const json::value& answer) {
  const json::array* stage1 = array_at(answer, "stage1");
  if (!stage1 || stage1->empty()) return;
  out += "### Stage 1 answers\n\n";
  for (const json::value& item : *stage1)
    out += "- **" + one_line(string_at(item, "model")) + "**: " + text::shorten(string_at(item, "response"), stage1_summary_chars) + "\n";
  out += "\n";
}

void add_rankings(std::string& out, const json::value& answer) {
  const json::value* metadata = answer.as_object().if_contains("metadata");
  const json::array* aggregate = metadata ? array_at(*metadata, "aggregate_rankings") : nullptr;
  const json::array* stage2 = array_at(answer, "stage2");
  if ((!aggregate || aggregate->empty()) && (!stage2 || stage2->empty())) return;
  out += "### Rankings\n\n";
  if (aggregate && !aggregate->empty()) {
    out += "| Place | Model | Average rank | Rankings |\n| --- | --- | --- | --- |\n";
    int place = 0;
    for (const json::value& entry : *aggregate) {
      const json::object* e = entry.if_object();
      if (!e) continue;
      const json::value* average = e->if_contains("average_rank");
      const json::value* count = e->if_contains("rankings_count");
      out += "| " + std::to_string(++place) + " | " + one_line(string_at(entry, "model")) + " | " +
             (average ? number_text(*average) : "") + " | " + (count ? number_text(*count) : "") + " |\n";
    }
    out += "\n";
  }
  const json::value* labels = metadata && metadata->is_object() ? metadata->as_object().if_contains("label_to_model") : nullptr;
  if (!stage2) return;
  for (const json::value& review : *stage2) {
    const json::array* order = array_at(review, "parsed_ranking");
    if (!order) continue;
    std::string line;
    for (const json::value& label : *order) {
      std::string_view name = label.is_string() ? std::string_view(label.get_string()) : std::string_view();
      std::string_view model = labels ? string_at(*labels, name) : std::string_view();
      line += (line.empty() ? "" : " > ") + one_line(model.empty() ? name : model);
    }
    out += "- **" + one_line(string_at(review, "model")) + "** ranked: " + (line.empty() ? "(no ranking)" : line) + "\n";
  }
  out += "\n";
}

void add_errors(std::string& out, const json::value& answer) {
  const json::value* metadata = answer.as_object().if_contains("metadata");
  const json::array* errors = metadata ? array_at(*metadata, "errors") : nullptr;
  if (!errors || errors->empty()) return;
  out += "### Models that failed\n\n";
  for (const json::value& e : *errors)
    out += "- " + one_line(string_at(e, "stage")) + " **" + one_line(string_at(e, "model")) + "**: " +
           one_line(string_at(e, "message")) + "\n";
  out += "\n";
}

void add_answer(std::string& out, const json::value& answer) {
  const json::value* stage3 = answer.as_object().if_contains("stage3");
  std::string_view lead = stage3 ? string_at(*stage3, "model") : std::string_view();
  out += "### Final answer" + (lead.empty() ? std::string() : " (" + one_line(lead) + ")") + "\n\n";
  out += std::string(stage3 ? string_at(*stage3, "response") : std::string_view()) + "\n\n";
  add_stage1(out, answer);
  add_rankings(out, answer);
  add_errors(out, answer);
}

}  // namespace

std::string conversation_markdown(const api::conversation_out& c) {
  std::string out = "# " + one_line(c.title) + "\n\n";
  out += "- Conversation: `" + c.id + "`\n- Started: " + c.created_at + "\n- Council:";
  for (std::size_t i = 0; i < c.models.size(); ++i) out += (i ? ", " : " ") + one_line(c.models[i]);
  out += "\n- Lead model: " + one_line(c.lead_model) + "\n\n";
  static const json::array no_messages;
  const json::array& messages = c.messages.is_array() ? c.messages.get_array() : no_messages;
  int question = 0;
  bool awaiting_answer = false;
  auto close_question = [&] {
    if (awaiting_answer) out += "_No answer was stored for this question._\n\n";
  };
  for (const json::value& m : messages) {
    if (!m.is_object()) continue;
    if (string_at(m, "role") == "user") {
      close_question();
      out += "## Question " + std::to_string(++question) + "\n\n" + std::string(string_at(m, "content")) + "\n\n";
      awaiting_answer = true;
    } else {
      add_answer(out, m);
      awaiting_answer = false;
    }
  }
  close_question();
  if (question == 0) out += "_No questions yet._\n";
  return out;
}

}  // namespace council::domain
