package quicksight

// TestClient is a client of the emulator's QuickSight and the account it answers for, for the
// external tests that make connectors behind Terraform's back.
var TestClient = testClient
