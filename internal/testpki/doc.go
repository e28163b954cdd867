// Package testpki is a small certificate authority for tests, simulators and
// demos: it makes a self-signed CA and issues server and client certificates
// with their PEM encodings and ready-to-use tls.Certificate values.
//
// Keys are generated fresh on every call and never leave the process unless the
// caller writes them out (see WriteFile). The package is meant for loopback
// test environments only; nothing it makes should be trusted in production.
package testpki
