/**
 * The recording store port: where recordings' bytes (uploaded chunks, finalized media) live, encrypted at
 * rest and addressed by ids only, never by people's names. Speaks Kaiwa's types ({@link
 * dev.kaiwa.storage.StorageKey}, {@link dev.kaiwa.storage.Sha256}) and streams; the technology (file
 * system, encryption library, later object storage) stays in {@code dev.kaiwa.adapter.storage}, which is
 * the only package that imports it.
 */
package dev.kaiwa.storage;
