discard {
}
