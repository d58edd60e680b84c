// AES-256-GCM seal/open: nonce(12) || ciphertext || tag(16).
#include "common/crypto/aead.hpp"
#include "common/crypto/hash.hpp"
#include <openssl/evp.h>
#include <memory>
#include <stdexcept>

namespace common::crypto {
namespace {
constexpr std::size_t nonce_len = 12;
constexpr std::size_t tag_len = 16;
using ctx_ptr = std::unique_ptr<EVP_CIPHER_CTX, decltype(&EVP_CIPHER_CTX_free)>;
const unsigned char* u8(std::string_view s) { return reinterpret_cast<const unsigned char*>(s.data()); }
}  // namespace

std::string aes256gcm_seal(std::string_view key32, std::string_view plaintext, std::string_view aad) {
  if (key32.size() != 32) throw std::invalid_argument("aes256gcm: key must be 32 bytes");
  std::string nonce = random_bytes(nonce_len);
  std::string out(nonce_len + plaintext.size() + tag_len, '\0');
  std::copy(nonce.begin(), nonce.end(), out.begin());
  ctx_ptr ctx(EVP_CIPHER_CTX_new(), EVP_CIPHER_CTX_free);
  int len = 0;
  auto* dst = reinterpret_cast<unsigned char*>(out.data());
  bool ok = ctx && EVP_EncryptInit_ex(ctx.get(), EVP_aes_256_gcm(), nullptr, u8(key32), u8(nonce)) == 1 &&
            EVP_EncryptUpdate(ctx.get(), nullptr, &len, u8(aad), static_cast<int>(aad.size())) == 1 &&
            EVP_EncryptUpdate(ctx.get(), dst + nonce_len, &len, u8(plaintext), static_cast<int>(plaintext.size())) == 1 &&
            EVP_EncryptFinal_ex(ctx.get(), dst + nonce_len + len, &len) == 1 &&
            EVP_CIPHER_CTX_ctrl(ctx.get(), EVP_CTRL_GCM_GET_TAG, tag_len, dst + nonce_len + plaintext.size()) == 1;
  if (!ok) throw std::runtime_error("aes256gcm: encryption failed");
  return out;
}

std::optional<std::string> aes256gcm_open(std::string_view key32, std::string_view sealed, std::string_view aad) {
  if (key32.size() != 32 || sealed.size() < nonce_len + tag_len) return std::nullopt;
  std::string_view nonce = sealed.substr(0, nonce_len);
  std::string_view body = sealed.substr(nonce_len, sealed.size() - nonce_len - tag_len);
  std::string tag(sealed.substr(sealed.size() - tag_len));
  std::string out(body.size(), '\0');
  ctx_ptr ctx(EVP_CIPHER_CTX_new(), EVP_CIPHER_CTX_free);
  int len = 0;
  auto* dst = reinterpret_cast<unsigned char*>(out.data());
  bool ok = ctx && EVP_DecryptInit_ex(ctx.get(), EVP_aes_256_gcm(), nullptr, u8(key32), u8(nonce)) == 1 &&
            EVP_DecryptUpdate(ctx.get(), nullptr, &len, u8(aad), static_cast<int>(aad.size())) == 1 &&
            EVP_DecryptUpdate(ctx.get(), dst, &len, u8(body), static_cast<int>(body.size())) == 1 &&
            EVP_CIPHER_CTX_ctrl(ctx.get(), EVP_CTRL_GCM_SET_TAG, tag_len, tag.data()) == 1 &&
            EVP_DecryptFinal_ex(ctx.get(), dst + len, &len) == 1;
  if (!ok) {
    wipe(out);
    return std::nullopt;
  }
  return out;
}

}  // namespace common::crypto
