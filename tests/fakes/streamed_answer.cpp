// Usage, padding and the streamed completion of the fake OpenRouter.
#include "fakes/streamed_answer.hpp"
#include "common/core/time.hpp"
#include "common/http/event_stream.hpp"
#include <boost/json/serialize.hpp>
#include <memory>
#include <stdexcept>

namespace fake_openrouter {
namespace {

namespace json = boost::json;

constexpr std::string_view filler = "Filler text to reach the configured answer size. ";

long long tokens_of(std::size_t bytes) { return static_cast<long long>((bytes + 3) / 4); }

/// Length of the longest prefix of `text` of at most `bytes` bytes that ends on a character boundary.
std::size_t boundary_before(std::string_view text, std::size_t bytes) {
  if (bytes >= text.size()) return text.size();
  while (bytes > 0 && (static_cast<unsigned char>(text[bytes]) & 0xC0) == 0x80) --bytes;
  return bytes;
}

json::object chunk_of(const stream_script& script, json::object delta, const json::value& finish_reason) {
  json::object choice;
  choice["index"] = 0;
  choice["delta"] = std::move(delta);
  choice["finish_reason"] = finish_reason;
  json::array choices;
  choices.emplace_back(std::move(choice));
  json::object chunk;
  chunk["id"] = script.id;
  chunk["object"] = "chat.completion.chunk";
  chunk["created"] = common::unix_seconds();
  chunk["model"] = script.model;
  chunk["provider"] = "fake-openrouter";
  chunk["choices"] = std::move(choices);
  return chunk;
}

common::awaitable<void> produce(std::shared_ptr<const stream_script> script, call_plan plan, common::http::event_stream& out) {
  json::object role;
  role["role"] = "assistant";
  role["content"] = "";
  const std::string first = json::serialize(chunk_of(*script, std::move(role), nullptr));
  if (!co_await out.send(first)) co_return;
  int sent = 0;
  for (const std::string& piece : script->chunks) {
    if (plan.stream_error_after && sent >= *plan.stream_error_after) {
      json::object error;
      error["message"] = plan.error_message;
      error["code"] = 502;
      json::object failed = chunk_of(*script, json::object{{"content", ""}}, "error");
      failed["error"] = std::move(error);
      const std::string text = json::serialize(failed);
      co_await out.send(text);
      co_return;
    }
    if (plan.stream_drop_after && sent >= *plan.stream_drop_after) throw std::runtime_error("the fake dropped the stream");
    if (plan.chunk_delay.count() > 0) co_await common::sleep_for(plan.chunk_delay);
    const std::string text = json::serialize(chunk_of(*script, json::object{{"content", piece}}, nullptr));
    if (!co_await out.send(text)) co_return;
    ++sent;
    if (script->malformed && sent == 1 && !co_await out.send("{\"choices\": [{\"delta\": ")) co_return;
  }
  const std::string last = json::serialize(chunk_of(*script, json::object{}, "stop"));
  if (!co_await out.send(last)) co_return;
  if (script->usage) {
    json::object usage_chunk;
    usage_chunk["id"] = script->id;
    usage_chunk["object"] = "chat.completion.chunk";
    usage_chunk["model"] = script->model;
    usage_chunk["choices"] = json::array();
    usage_chunk["usage"] = *script->usage;
    const std::string text = json::serialize(usage_chunk);
    if (!co_await out.send(text)) co_return;
  }
  co_await out.send("[DONE]");
}

}  // namespace

json::object usage_for(std::size_t prompt_bytes, std::size_t answer_bytes) {
  const long long prompt = tokens_of(prompt_bytes);
  const long long completion = tokens_of(answer_bytes);
  json::object usage;
  usage["prompt_tokens"] = prompt;
  usage["completion_tokens"] = completion;
  usage["total_tokens"] = prompt + completion;
  usage["cost"] = static_cast<double>(prompt) * 1e-6 + static_cast<double>(completion) * 2e-6;
  return usage;
}

std::string sized_answer(std::string answer, std::size_t bytes) {
  if (answer.size() >= bytes) {
    answer.resize(boundary_before(answer, bytes));
    answer.append(bytes - answer.size(), ' ');
    return answer;
  }
  answer += "\n\n";
  while (answer.size() < bytes) answer.append(filler.substr(0, std::min(filler.size(), bytes - answer.size())));
  answer.resize(bytes);
  return answer;
}

std::vector<std::string> answer_chunks(std::string_view answer, std::size_t chunk_bytes) {
  std::vector<std::string> chunks;
  while (!answer.empty()) {
    std::size_t size = boundary_before(answer, chunk_bytes);
    if (size == 0) {  // a character longer than chunk_bytes goes whole
      size = 1;
      while (size < answer.size() && (static_cast<unsigned char>(answer[size]) & 0xC0) == 0x80) ++size;
    }
    chunks.emplace_back(answer.substr(0, size));
    answer.remove_prefix(size);
  }
  return chunks;
}

common::http::response streamed_completion(stream_script script) {
  const call_plan plan = *script.plan;
  script.plan = nullptr;
  if (script.null_content) script.chunks.clear();
  auto shared = std::make_shared<const stream_script>(std::move(script));
  common::http::response res;
  res.stream = [shared, plan](common::http::event_stream& out) { return produce(shared, plan, out); };
  return res;
}

}  // namespace fake_openrouter
