// Placeholder entry point; the provider plugin is built in the provider issue.
return 0;
