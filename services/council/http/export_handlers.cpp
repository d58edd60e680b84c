// Handler of the data export: authenticate, build the archive, answer it as a download.
#include "council/domain/data_export.hpp"
#include "council/http/handlers.hpp"
#include "council/http/responses.hpp"

namespace council::http {

awaitable<response> export_data(context& ctx, request& req) {
  auto who = co_await authenticate(ctx, req);
  if (!who) co_return failure_response(who.error());
  auto archive = co_await domain::export_data(ctx.svc, std::move(*who));
  if (!archive) co_return failure_response(archive.error());
  response r;
  r.body = std::move(*archive);
  r.set_header("content-type", "application/zip");
  r.set_header("content-disposition", "attachment; filename=\"" + std::string(domain::export_file_name) + "\"");
  r.set_header("cache-control", "no-store");
  co_return r;
}

}  // namespace council::http
