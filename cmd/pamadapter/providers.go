package main

import (
	"github.com/pamadapter/pamadapter/adapter"
	"github.com/pamadapter/pamadapter/adapter/cyberark"
	"github.com/pamadapter/pamadapter/adapter/safeguard"
)

// providers lists the vault providers this build serves: one line each.
func providers() []adapter.Provider {
	return []adapter.Provider{
		cyberark.Provider{},
		safeguard.Provider{},
	}
}
