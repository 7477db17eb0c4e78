/**
 * Recording media in Java, without ffmpeg: turns the WebM that browsers' MediaRecorder streams (no
 * Duration, no Cues, Segment and Clusters of unknown size) into a seekable WebM with Duration, SeekHead and
 * Cues, and measures an uploaded WebM's duration from its frames. Works on streams, so it reads the
 * decrypting store and writes into it without plaintext on disk, and keeps memory bounded by the number of
 * clusters. Imports nothing of the web module and no media library.
 */
package dev.kaiwa.recording.media;
