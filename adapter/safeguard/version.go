package safeguard

import (
	"fmt"
	"strconv"

	"github.com/pamadapter/pamadapter/adapter"
)

// apiVersion is the version of the appliance's web API a call uses.
type apiVersion int

// defaultAPIVersion is used when neither the request nor the configuration
// gives api-version: version 4 is the default since SPP 7.0.
const defaultAPIVersion apiVersion = 4

// versionOf is the request's api-version, or else the configuration's, or
// else the default. Both are checked to be 2, 3 or 4 by their specs.
func versionOf(call *adapter.Call) apiVersion {
	text := call.Request.Text(elementAPIVersion)
	if text == "" {
		text = call.Config.Text(elementAPIVersion)
	}
	n, err := strconv.Atoi(text)
	if err != nil {
		return defaultAPIVersion
	}
	return apiVersion(n)
}

// a2a is the path of an a2a service resource: /service/a2a/v<N>/<resource>.
func (v apiVersion) a2a(resource string) string {
	return fmt.Sprintf("/service/a2a/v%d/%s", int(v), resource)
}

// core is the path of a core service resource: /service/core/v<N>/<resource>.
func (v apiVersion) core(resource string) string {
	return fmt.Sprintf("/service/core/v%d/%s", int(v), resource)
}

// asset names an asset field of this version: "Asset"+suffix from version
// 4, "System"+suffix before (SystemId, SystemName).
func (v apiVersion) asset(suffix string) string {
	if v >= 4 {
		return "Asset" + suffix
	}
	return "System" + suffix
}
