// Security primitives (libsodium 1.0.18), used by the store and the application: the master key and its sub-keys, authenticated
// encryption of CPR numbers, blind indexes and pseudonyms for lookup without decryption,
// argon2id password hashes, and random session tokens stored only as keyed hashes.
//
// Every call initialises libsodium itself (once, thread-safe); callers need not call
// sodium_init(). All calls are safe to use from several threads at once.
//
// Sub-keys are derived from the master key with crypto_kdf_derive_from_key under the context
// "tovholdr" and fixed sub-key ids (1 CPR encryption, 2 CPR blind index, 3 pseudonym, 4 session
// token hashing, 5 key fingerprint). These ids are part of the stored data format: changing one
// makes every stored ciphertext, index, pseudonym or token hash unusable.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

#include "common/status.h"

namespace tov::crypto {

class KeysAccess;  // crypto.cc's internal access to the key bytes

// The master key (32 bytes) and the sub-keys derived from it, kept in one sodium_malloc block:
// locked in RAM (mlock, best effort: kept out of swap unless RLIMIT_MEMLOCK is exhausted),
// guard pages around it, read-only once derived, and zeroed when freed. Move-only. A moved-from Keys holds no key; passing it to any call below
// aborts the process (a programming error, not a runtime condition).
struct Keys {
 public:
  Keys(Keys&& other) noexcept;
  Keys& operator=(Keys&& other) noexcept;
  Keys(const Keys&) = delete;
  Keys& operator=(const Keys&) = delete;
  ~Keys();

  // False only for a moved-from Keys.
  bool valid() const { return block_ != nullptr; }

  // "Keys{id=<8 hex>}": a one-way fingerprint (its own sub-key), safe to log, that tells keys
  // apart. Never contains key bytes. "Keys{empty}" for a moved-from Keys.
  std::string ToString() const;

 private:
  friend class KeysAccess;
  explicit Keys(unsigned char* block) : block_(block) {}

  unsigned char* block_ = nullptr;  // sodium_malloc: master key, then the derived sub-keys
};

// --- Keys --------------------------------------------------------------------------------------

// A new random master key (not written anywhere). Fails (kResourceExhausted) only when secure
// memory cannot be allocated.
StatusOr<Keys> GenerateKeys();

// Parses the key text format `tovholder-key-v1:<64 hex chars>` (surrounding whitespace
// ignored). `source` names where the text came from (a path, an environment variable) and is
// the only thing the error message quotes: the text itself never appears in a Status.
// kFailedPrecondition when malformed.
StatusOr<Keys> ParseKeyText(std::string_view text, std::string_view source);

// Reads the key file at `path`: one line in the format above. Refused, with a Status naming the
// path but never the key, when the file is missing (kNotFound), unreadable (kIo), not a regular
// file, readable or writable by group or others (mode & 077; the message says `chmod 600`), or
// malformed (all kFailedPrecondition).
StatusOr<Keys> LoadKeys(const std::string& path);

// Creates a new key file at `path` holding a fresh random key, mode 0600 (exactly, whatever the
// umask), flushed to disk. Never overwrites: kAlreadyExists when `path` exists (also as a
// symlink). The parent directory must exist (else kIo). On a write failure the partial file is
// removed.
Status CreateKeyFile(const std::string& path);

// The process's keys, from the first source that is set:
//   1. env TOVHOLDER_KEY: the key text itself (format above);
//   2. env TOVHOLDER_KEY_FILE: a key file, loaded with LoadKeys (never created);
//   3. `default_path`: loaded with LoadKeys; when it does not exist and `create_if_missing`,
//      created first with CreateKeyFile (a file created concurrently by another process is
//      simply loaded).
// A variable that is set but empty or malformed is an error, not a fall-through.
StatusOr<Keys> KeysFromEnvOrFile(const std::string& default_path, bool create_if_missing);

// --- Encryption (CPR numbers) -------------------------------------------------------------------

// XSalsa20-Poly1305 (crypto_secretbox_easy) under the CPR-encryption sub-key with a fresh random
// nonce: returns the binary string nonce (24 bytes) || MAC (16) || ciphertext, i.e. 40 bytes
// longer than `plaintext`. Encrypting the same text twice gives different blobs; use BlindIndex
// for equality lookups.
std::string Encrypt(const Keys& keys, std::string_view plaintext);

// Inverse of Encrypt. kInternal (stored data is corrupt) when `blob` is shorter than 40 bytes or
// does not authenticate: tampered with, truncated, or encrypted under another key. Never returns
// partially decrypted data.
StatusOr<std::string> Decrypt(const Keys& keys, std::string_view blob);

// --- Deterministic keyed hashes ------------------------------------------------------------------

// Keyed BLAKE2b (crypto_generichash, 32 bytes) of `normalized_cpr` under the blind-index
// sub-key, as 64 lowercase hex chars. Same key and input give the same index, so the store can
// look a CPR number up exactly without decrypting; without the key it reveals nothing. The
// caller normalises first (e.g. the ten digits without dash): different spellings of one number
// give different indexes.
std::string BlindIndex(const Keys& keys, std::string_view normalized_cpr);

// A stable national pseudonym for `citizen_key`: keyed BLAKE2b under the pseudonym sub-key
// (unrelated to BlindIndex), its first 80 bits rendered as "P-" + 16 chars of lowercase RFC 4648
// base32 (a-z, 2-7). Same key and input give the same pseudonym.
std::string Pseudonym(const Keys& keys, std::string_view citizen_key);

// --- Passwords -----------------------------------------------------------------------------------

// Longest password HashPassword accepts, in bytes.
inline constexpr size_t kMaxPasswordBytes = 1024;

// An argon2id hash string (crypto_pwhash_str, OPSLIMIT/MEMLIMIT_INTERACTIVE: 64 MiB, ~65 ms),
// starting "$argon2id$", with its own random salt. Invalid field "password" when `password` is
// empty or longer than kMaxPasswordBytes; kResourceExhausted when the 64 MiB cannot be had.
// At most 2 password hashes or verifications (and never more than half the cores) run at once
// in the process; further callers block
// until one finishes, so a login flood cannot take every core or exhaust memory.
StatusOr<std::string> HashPassword(std::string_view password);

// True iff `hash` is a hash string made by HashPassword and `password` is the password it was
// made from. False (no error) for a malformed hash, an empty password or one longer than
// kMaxPasswordBytes. Shares HashPassword's limit of 2 concurrent hashes. Callers should run a
// verification even for unknown users (against any fixed hash) so that timing does not reveal
// which accounts exist.
bool VerifyPassword(std::string_view hash, std::string_view password);

// --- Tokens --------------------------------------------------------------------------------------

// `bytes` random bytes (randombytes_buf) as base64url without padding: 43 chars for the default
// 32 bytes, ceil(4 * bytes / 3) in general, "" for 0.
std::string RandomToken(size_t bytes = 32);

// Keyed BLAKE2b (32 bytes) of `token` under the session-token sub-key, as 64 lowercase hex
// chars: store this, never the token, so a database leak yields no usable session.
std::string HashToken(const Keys& keys, std::string_view token);

// True iff `a` and `b` are equal, in time that depends only on their lengths (sodium_memcmp);
// the lengths themselves are not hidden.
bool ConstantTimeEquals(std::string_view a, std::string_view b);

namespace internal {
// The most password hashes/verifications ever seen running at once in this process (for tests
// and metrics; never above 2).
int PasswordHashPeakConcurrency();
}  // namespace internal

}  // namespace tov::crypto
