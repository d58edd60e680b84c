// JSON files through iostreams; errors become config_error lines naming the file.
#include "common/core/json_file.hpp"
#include "common/core/config.hpp"
#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>
#include <fcntl.h>
#include <fstream>
#include <sstream>
#include <unistd.h>

namespace common {

boost::json::value read_json_file(const std::string& path) {
  std::ifstream in(path);
  if (!in) throw config::config_error(path + ": cannot be read");
  std::ostringstream text;
  text << in.rdbuf();
  boost::system::error_code ec;
  boost::json::value v = boost::json::parse(text.str(), ec);
  if (ec) throw config::config_error(path + ": is not JSON (" + ec.message() + ")");
  return v;
}

void write_json_file(const std::string& path, const boost::json::value& value) {
  int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
  if (fd < 0) throw config::config_error(path + ": cannot be written");
  ::close(fd);
  std::ofstream out(path, std::ios::trunc);
  out << boost::json::serialize(value) << "\n";
  if (!out.flush()) throw config::config_error(path + ": cannot be written");
}

}  // namespace common
