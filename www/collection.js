// The Collection page: the shared site script, and <verified-badge-collection>.
import './common.js';
import './pkg/verified-badge-collection.js';
