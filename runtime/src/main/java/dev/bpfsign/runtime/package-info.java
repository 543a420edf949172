/**
 * Loads admitted loaders into the kernel (the light-skeleton load sequence over FFM), emulates
 * loaders where there is no kernel, and checks whether a host is ready.
 */
package dev.bpfsign.runtime;
