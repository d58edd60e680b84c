// Fernet on OpenSSL: HMAC-SHA256 checked before AES-128-CBC decryption with PKCS7 padding.
#include "common/crypto/fernet.hpp"
#include "common/crypto/encoding.hpp"
#include "common/crypto/hash.hpp"
#include <openssl/evp.h>
#include <memory>
#include <stdexcept>

namespace common::crypto {
namespace {

constexpr unsigned char version_byte = 0x80;
constexpr std::size_t header_len = 1 + 8 + 16;  // version, timestamp, IV
constexpr std::size_t mac_len = 32;
constexpr std::size_t block = 16;
using ctx_ptr = std::unique_ptr<EVP_CIPHER_CTX, decltype(&EVP_CIPHER_CTX_free)>;

const unsigned char* u8(std::string_view s) { return reinterpret_cast<const unsigned char*>(s.data()); }

/// AES-128-CBC with PKCS7 padding in one direction; nullopt when OpenSSL refuses (a bad padding when decrypting).
std::optional<std::string> aes128cbc(bool encrypt, std::string_view key, std::string_view iv, std::string_view in) {
  std::string out(in.size() + block, '\0');
  ctx_ptr ctx(EVP_CIPHER_CTX_new(), EVP_CIPHER_CTX_free);
  auto* dst = reinterpret_cast<unsigned char*>(out.data());
  int len = 0;
  int final_len = 0;
  bool ok = ctx && EVP_CipherInit_ex(ctx.get(), EVP_aes_128_cbc(), nullptr, u8(key), u8(iv), encrypt ? 1 : 0) == 1 &&
            EVP_CipherUpdate(ctx.get(), dst, &len, u8(in), static_cast<int>(in.size())) == 1 &&
            EVP_CipherFinal_ex(ctx.get(), dst + len, &final_len) == 1;
  if (!ok) {
    wipe(out);
    return std::nullopt;
  }
  out.resize(static_cast<std::size_t>(len + final_len));
  return out;
}

std::string padded_base64url(std::string_view bytes) {
  std::string text = base64url_encode(bytes);
  while (text.size() % 4 != 0) text.push_back('=');
  return text;
}

}  // namespace

std::optional<fernet_key> parse_fernet_key(std::string_view text) {
  auto bytes = base64url_decode(text);
  if (!bytes || bytes->size() != 32) return std::nullopt;
  fernet_key key{bytes->substr(0, 16), bytes->substr(16)};
  wipe(*bytes);
  return key;
}

boost::system::result<std::string, fernet_failure> fernet_decrypt(const fernet_key& key, std::string_view token) {
  auto raw = base64url_decode(token);
  if (!raw || raw->size() < header_len + block + mac_len || static_cast<unsigned char>((*raw)[0]) != version_byte ||
      (raw->size() - header_len - mac_len) % block != 0)
    return fernet_failure::malformed;
  std::string_view all(*raw);
  std::string_view signed_part = all.substr(0, all.size() - mac_len);
  if (!constant_time_equal(hmac_sha256(key.signing, signed_part), all.substr(all.size() - mac_len)))
    return fernet_failure::bad_signature;
  auto plain = aes128cbc(false, key.encryption, all.substr(9, 16), signed_part.substr(header_len));
  if (!plain) return fernet_failure::bad_padding;
  return std::move(*plain);
}

std::string fernet_encrypt(const fernet_key& key, std::string_view plaintext, std::uint64_t timestamp,
                           std::string_view iv) {
  if (iv.size() != 16) throw std::invalid_argument("fernet: the IV must be 16 bytes");
  std::string out(1, static_cast<char>(version_byte));
  for (int shift = 56; shift >= 0; shift -= 8) out.push_back(static_cast<char>((timestamp >> shift) & 0xff));
  out.append(iv);
  auto cipher = aes128cbc(true, key.encryption, iv, plaintext);
  if (!cipher) throw std::runtime_error("fernet: encryption failed");
  out.append(*cipher);
  out.append(hmac_sha256(key.signing, out));
  return padded_base64url(out);
}

std::string_view describe(fernet_failure failure) {
  switch (failure) {
    case fernet_failure::malformed: return "not a Fernet token";
    case fernet_failure::bad_signature: return "signature does not match the given key";
    case fernet_failure::bad_padding: return "corrupt ciphertext";
  }
  return "unreadable";
}

}  // namespace common::crypto
