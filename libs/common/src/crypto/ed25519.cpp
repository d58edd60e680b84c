// Ed25519 key handling, signing and verification through OpenSSL's EVP interface. Each key is parsed once
// and keeps a context initialised for its operation; a call copies that context (EVP_MD_CTX_copy_ex) instead
// of fetching the algorithm from the provider again.
#include "common/crypto/ed25519.hpp"
#include <openssl/bio.h>
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <stdexcept>

namespace common::crypto {
namespace {
using pkey_ptr = std::unique_ptr<EVP_PKEY, decltype(&EVP_PKEY_free)>;
using md_ctx_ptr = std::unique_ptr<EVP_MD_CTX, decltype(&EVP_MD_CTX_free)>;

const unsigned char* u8(std::string_view s) { return reinterpret_cast<const unsigned char*>(s.data()); }

md_ctx_ptr new_context() { return md_ctx_ptr(EVP_MD_CTX_new(), EVP_MD_CTX_free); }

// A fresh context copied from `prepared`; empty on failure.
md_ctx_ptr copy_of(const EVP_MD_CTX* prepared) {
  md_ctx_ptr ctx = new_context();
  if (ctx && EVP_MD_CTX_copy_ex(ctx.get(), prepared) != 1) ctx.reset();
  return ctx;
}
}  // namespace

struct ed25519_private_key::state {
  pkey_ptr key{nullptr, EVP_PKEY_free};
  md_ctx_ptr signing{nullptr, EVP_MD_CTX_free};

  explicit state(EVP_PKEY* k) : key(k, EVP_PKEY_free), signing(new_context()) {
    if (!signing || EVP_DigestSignInit(signing.get(), nullptr, nullptr, nullptr, key.get()) != 1)
      throw std::runtime_error("ed25519 signing context failed");
  }
};

ed25519_private_key ed25519_private_key::from_pem(std::string_view pem) {
  std::unique_ptr<BIO, decltype(&BIO_free)> bio(BIO_new_mem_buf(pem.data(), static_cast<int>(pem.size())), BIO_free);
  EVP_PKEY* k = bio ? PEM_read_bio_PrivateKey(bio.get(), nullptr, nullptr, nullptr) : nullptr;
  if (k == nullptr) throw std::runtime_error("not a PEM private key");
  if (EVP_PKEY_id(k) != EVP_PKEY_ED25519) {
    EVP_PKEY_free(k);
    throw std::runtime_error("private key is not Ed25519");
  }
  ed25519_private_key key;
  key.state_ = std::make_shared<const state>(k);
  return key;
}

ed25519_private_key ed25519_private_key::generate() {
  EVP_PKEY* k = nullptr;
  std::unique_ptr<EVP_PKEY_CTX, decltype(&EVP_PKEY_CTX_free)> ctx(EVP_PKEY_CTX_new_id(EVP_PKEY_ED25519, nullptr),
                                                                   EVP_PKEY_CTX_free);
  if (!ctx || EVP_PKEY_keygen_init(ctx.get()) != 1 || EVP_PKEY_keygen(ctx.get(), &k) != 1)
    throw std::runtime_error("ed25519 key generation failed");
  ed25519_private_key key;
  key.state_ = std::make_shared<const state>(k);
  return key;
}

std::string ed25519_private_key::to_pem() const {
  std::unique_ptr<BIO, decltype(&BIO_free)> bio(BIO_new(BIO_s_mem()), BIO_free);
  if (!bio || PEM_write_bio_PrivateKey(bio.get(), state_->key.get(), nullptr, nullptr, 0, nullptr, nullptr) != 1)
    throw std::runtime_error("cannot encode private key");
  char* data = nullptr;
  long n = BIO_get_mem_data(bio.get(), &data);
  return std::string(data, static_cast<std::size_t>(n));
}

std::string ed25519_private_key::public_raw() const {
  std::string out(32, '\0');
  std::size_t len = out.size();
  if (EVP_PKEY_get_raw_public_key(state_->key.get(), reinterpret_cast<unsigned char*>(out.data()), &len) != 1 ||
      len != 32)
    throw std::runtime_error("cannot read public key");
  return out;
}

std::string ed25519_private_key::sign(std::string_view message) const {
  md_ctx_ptr ctx = copy_of(state_->signing.get());
  std::string sig(64, '\0');
  std::size_t len = sig.size();
  if (!ctx ||
      EVP_DigestSign(ctx.get(), reinterpret_cast<unsigned char*>(sig.data()), &len, u8(message), message.size()) != 1)
    throw std::runtime_error("ed25519 signing failed");
  return sig;
}

struct ed25519_public_key::state {
  std::string raw;
  pkey_ptr key{nullptr, EVP_PKEY_free};
  md_ctx_ptr verifying{nullptr, EVP_MD_CTX_free};

  explicit state(std::string public_raw) : raw(std::move(public_raw)) {
    if (raw.size() != 32) return;
    key.reset(EVP_PKEY_new_raw_public_key(EVP_PKEY_ED25519, nullptr, u8(raw), raw.size()));
    md_ctx_ptr ctx = new_context();
    if (key && ctx && EVP_DigestVerifyInit(ctx.get(), nullptr, nullptr, nullptr, key.get()) == 1)
      verifying = std::move(ctx);
  }
};

ed25519_public_key::ed25519_public_key(std::string public_raw)
    : state_(std::make_shared<const state>(std::move(public_raw))) {}

const std::string& ed25519_public_key::raw() const { return state_->raw; }

bool ed25519_public_key::verify(std::string_view message, std::string_view signature) const {
  if (!state_->verifying || signature.size() != 64) return false;
  md_ctx_ptr ctx = copy_of(state_->verifying.get());
  return ctx && EVP_DigestVerify(ctx.get(), u8(signature), signature.size(), u8(message), message.size()) == 1;
}

bool ed25519_verify(std::string_view public_raw, std::string_view message, std::string_view signature) {
  if (public_raw.size() != 32) return false;
  return ed25519_public_key(std::string(public_raw)).verify(message, signature);
}

}  // namespace common::crypto
