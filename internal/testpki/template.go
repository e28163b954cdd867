package testpki

import (
	"math/big"
	"net"
	"time"
)

// Default validity of an issued certificate, relative to the time of issue.
const (
	defaultBackdate = time.Hour
	defaultValidity = 24 * time.Hour
)

// Template describes a certificate for CA.Issue. The zero value is a valid
// template: a certificate without a subject or usages, valid for a day.
type Template struct {
	// CommonName, Organization and OrganizationalUnit form the subject.
	CommonName         string
	Organization       []string
	OrganizationalUnit []string

	// Serial is the serial number; it must be positive. Nil means a random
	// 128-bit positive serial.
	Serial *big.Int

	// NotBefore and NotAfter bound the validity. A zero NotBefore means an hour
	// ago, a zero NotAfter means 24 hours from now. Both may lie in the past,
	// to make an expired certificate.
	NotBefore, NotAfter time.Time

	// DNSNames and IPAddresses are the subject alternative names.
	DNSNames    []string
	IPAddresses []net.IP

	// ServerAuth and ClientAuth add the matching extended key usages. With
	// neither, the certificate carries no extended key usage extension.
	ServerAuth, ClientAuth bool

	// KeyType selects the key algorithm; the zero value is KeyECDSA.
	KeyType KeyType
}
