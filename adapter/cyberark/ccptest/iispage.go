package ccptest

import (
	"net/http"
	"strconv"
)

// iisPage is one of IIS's HTML error pages.
type iisPage struct {
	status int
	title  string // also the heading, e.g. "404 - File or directory not found."
	detail string
}

// The IIS error pages the simulator answers with.
var (
	pageNotFound = iisPage{http.StatusNotFound,
		"404 - File or directory not found.",
		"The resource you are looking for might have been removed, had its name changed, or is temporarily unavailable."}
	pageClientCertRequired = iisPage{http.StatusForbidden,
		"403.7 - Forbidden: Client certificate required.",
		"The page you are attempting to access requires your browser to have a Secure Sockets Layer (SSL) client certificate that the Web server recognizes."}
	pageMethodNotAllowed = iisPage{http.StatusMethodNotAllowed,
		"405 - HTTP verb used to access this page is not allowed.",
		"The page you are looking for cannot be displayed because an invalid method (HTTP verb) was used to attempt access."}
)

// writePage answers with p as IIS does: text/html, IIS headers, no ASP.NET
// headers. The page holds no request data.
func (s *Server) writePage(w http.ResponseWriter, p iisPage) {
	body := p.html()
	h := w.Header()
	s.setIISHeaders(h)
	h.Set("Content-Type", "text/html")
	h.Set("Content-Length", strconv.Itoa(len(body)))
	w.WriteHeader(p.status)
	_, _ = w.Write(body) // a write error means the client has gone
}

// html renders p like IIS's default error pages.
func (p iisPage) html() []byte {
	return []byte(`<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 Strict//EN" "http://www.w3.org/TR/xhtml1/DTD/xhtml1-strict.dtd">
<html xmlns="http://www.w3.org/1999/xhtml">
<head>
<meta http-equiv="Content-Type" content="text/html; charset=iso-8859-1"/>
<title>` + p.title + `</title>
<style type="text/css">
<!--
body{margin:0;font-size:.7em;font-family:Verdana, Arial, Helvetica, sans-serif;background:#EEEEEE;}
fieldset{padding:0 15px 10px 15px;}
h1{font-size:2.4em;margin:0;color:#FFF;}
h2{font-size:1.7em;margin:0;color:#CC0000;}
h3{font-size:1.2em;margin:10px 0 0 0;color:#000000;}
#header{width:96%;margin:0 0 0 0;padding:6px 2% 6px 2%;font-family:"trebuchet MS", Verdana, sans-serif;color:#FFF;
background-color:#555555;}
#content{margin:0 0 0 2%;position:relative;}
.content-container{background:#FFF;width:96%;margin-top:8px;padding:10px;position:relative;}
-->
</style>
</head>
<body>
<div id="header"><h1>Server Error</h1></div>
<div id="content">
 <div class="content-container"><fieldset>
  <h2>` + p.title + `</h2>
  <h3>` + p.detail + `</h3>
 </fieldset></div>
</div>
</body>
</html>
`)
}
