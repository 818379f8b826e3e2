"""Many reports: find the files, audit each in a worker process, stream the outcomes in order."""
