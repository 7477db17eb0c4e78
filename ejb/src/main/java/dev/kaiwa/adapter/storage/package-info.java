/**
 * The recording store on a local (or mounted) file system, encrypted with Google Tink's streaming AEAD
 * (AES-GCM-HKDF, 1 MB segments), and the storage keyset that drives it. With {@code dev.kaiwa.adapter.crypto}
 * the only package that imports {@code com.google.crypto.tink}; the rest of Kaiwa sees
 * {@link dev.kaiwa.storage.RecordingStore}.
 */
package dev.kaiwa.adapter.storage;
